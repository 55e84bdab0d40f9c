// CYaml is Yams' own libyaml target: not a product of the Yams package, but SwiftPM makes every
// module of a dependency's closure importable, and it is the same libyaml Yams parses with.
import CYaml

/// Reads a YAML stream's events (libyaml, which Yams composes from too) before Yams composes it,
/// and refuses what composing or decoding would pay for out of all proportion to the text:
/// aliases past go-yaml's budget (`YAMLAliasBudget`) and a mapping key that is not a scalar
/// (nesting past 1,000 libyaml refuses itself, `MAX_NESTING_LEVEL`). Keys matter because Yams hashes every key to find duplicates: a
/// key that aliases a large node would hash its whole expansion (a few lines of anchors, hours of
/// CPU); JSON has only string keys, so nothing the API accepts is lost. Syntax errors are left to
/// Yams, which reports them with their place.
enum YAMLEventScreen {
  static func check(_ text: String) throws(YAMLSyntaxError) {
    let bytes = Array(text.utf8)
    var failure: YAMLSyntaxError?
    bytes.withUnsafeBufferPointer { buffer in
      do throws(YAMLSyntaxError) {
        try screen(buffer)
      } catch {
        failure = error
      }
    }
    if let failure { throw failure }
  }

  /// An open sequence or mapping: where its decodes began, its anchor, and whether a key is next.
  private struct Collection {
    var isMapping: Bool
    var keyNext: Bool
    var firstDecode: Int
    var anchor: String?
  }

  private static func screen(_ buffer: UnsafeBufferPointer<UInt8>) throws(YAMLSyntaxError) {
    var parser = yaml_parser_t()
    guard yaml_parser_initialize(&parser) == 1 else { return }
    defer { yaml_parser_delete(&parser) }
    yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
    var budget = YAMLAliasBudget()
    /// Each anchor's latest node: the decodes its expansion takes, and whether it is a scalar.
    var anchors: [String: (decodes: Int, scalar: Bool)] = [:]
    var open: [Collection] = []
    while true {
      var event = yaml_event_t()
      guard yaml_parser_parse(&parser, &event) == 1 else { return }
      defer { yaml_event_delete(&event) }
      let place = YAMLPlace(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
      let atKey = open.last.map { $0.isMapping && $0.keyNext } ?? false
      switch event.type {
      case YAML_STREAM_END_EVENT:
        return
      case YAML_DOCUMENT_START_EVENT:
        // Each document is decoded on its own, as go-yaml decodes one per Unmarshal.
        budget = YAMLAliasBudget()
        anchors = [:]
        try budget.countNode(at: place)
      case YAML_SCALAR_EVENT:
        try budget.countNode(at: place)
        if let anchor = string(event.data.scalar.anchor) { anchors[anchor] = (1, true) }
        advance(&open)
      case YAML_ALIAS_EVENT:
        guard let name = string(event.data.alias.anchor), let target = anchors[name] else { return }
        if atKey, !target.scalar { throw notAString(place) }
        try budget.countAlias(expandingTo: target.decodes, at: place)
        advance(&open)
      case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
        if atKey { throw notAString(place) }
        try budget.countNode(at: place)
        let isMapping = event.type == YAML_MAPPING_START_EVENT
        let anchor = string(isMapping ? event.data.mapping_start.anchor : event.data.sequence_start.anchor)
        open.append(Collection(isMapping: isMapping, keyNext: true, firstDecode: budget.decodes - 1, anchor: anchor))
      case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
        guard let closed = open.popLast() else { return }
        if let anchor = closed.anchor { anchors[anchor] = (budget.decodes - closed.firstDecode, false) }
        advance(&open)
      default:
        break
      }
    }
  }

  /// A node finished inside the innermost mapping: after a key comes its value, and after a value a key.
  private static func advance(_ open: inout [Collection]) {
    guard let last = open.indices.last, open[last].isMapping else { return }
    open[last].keyNext.toggle()
  }

  private static func notAString(_ place: YAMLPlace) -> YAMLSyntaxError {
    YAMLSyntaxError(description: "invalid YAML: mapping key at \(place) is not a string")
  }

  private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
    pointer.map { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
  }
}

/// Where in a YAML text, 1-based.
struct YAMLPlace: CustomStringConvertible {
  var line: Int
  var column: Int

  var description: String { "line \(line), column \(column)" }
}
