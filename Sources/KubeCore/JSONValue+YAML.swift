import OrderedCollections
import Yams

/// A YAML syntax error with the place it was found.
public struct YAMLSyntaxError: Error, Sendable, CustomStringConvertible {
  /// What the YAML parser reported, including line and column.
  public var description: String
}

extension JSONValue {
  /// Parses one YAML document (a superset of JSON) into a `JSONValue`, keeping key order.
  public static func parseYAML(_ text: String) throws(YAMLSyntaxError) -> JSONValue {
    let documents = try parseYAMLDocuments(text)
    return documents.first ?? .null
  }

  /// Parses every document of a multi-document YAML stream (`---` separated); empty documents are skipped.
  /// Aliases are bounded as go-yaml bounds them (`YAMLAliasBudget`) before Yams composes anything,
  /// and a repeated node shares its decoded value, so a few hundred bytes cannot become gigabytes.
  public static func parseYAMLDocuments(_ text: String) throws(YAMLSyntaxError) -> [JSONValue] {
    do {
      try YAMLEventScreen.check(text)
      var result: [JSONValue] = []
      let parser = try Parser(yaml: text)
      while let node = try parser.nextRoot() {
        var decoder = YAMLNodeDecoder()
        let value = try decoder.decode(node)
        if !value.isNull { result.append(value) }
      }
      return result
    } catch let error as YAMLSyntaxError {
      throw error
    } catch {
      throw YAMLSyntaxError(description: "invalid YAML: \(error)")
    }
  }

  /// A scalar as JSON: plain ones resolved as YAML 1.2's core schema, quoted ones as strings.
  static func resolve(_ scalar: Node.Scalar) -> JSONValue {
    scalar.style == .plain ? resolveImplicit(scalar.string) : .string(scalar.string)
  }

  private static func resolveImplicit(_ text: String) -> JSONValue {
    switch text {
    case "", "~", "null", "Null", "NULL": return .null
    case "true", "True", "TRUE": return .bool(true)
    case "false", "False", "FALSE": return .bool(false)
    default:
      if let number = Int64(text) { return .int(number) }
      if let number = Double(text), text.contains(where: { $0.isNumber }) { return .double(number) }
      return .string(text)
    }
  }

  /// This value as block-style YAML, keys in their order; plain strings longer than `width`
  /// are folded onto more lines, as kubectl's YAML (go-yaml, 80 columns) folds them; -1 never.
  public func yamlString(width: Int = -1) -> String {
    (try? Yams.serialize(node: yamlNode(), indent: 2, width: width, allowUnicode: true)) ?? ""
  }

  /// A stream of documents joined with `---`.
  public static func yamlStream(_ documents: [JSONValue]) -> String {
    documents.map { $0.yamlString() }.joined(separator: "---\n")
  }

  private func yamlNode() -> Node {
    switch self {
    case .null: return Node("null", Tag(.null))
    case .bool(let flag): return Node(flag ? "true" : "false", Tag(.bool))
    case .int(let number): return Node(String(number), Tag(.int))
    case .double(let number): return Node(String(number), Tag(.float))
    case .string(let text): return Self.stringNode(text)
    case .array(let elements): return .sequence(.init(elements.map { $0.yamlNode() }))
    case .object(let members):
      return .mapping(.init(members.map { (Self.stringNode($0.key), $0.value.yamlNode()) }))
    }
  }

  private static func stringNode(_ text: String) -> Node {
    let plain = resolveImplicit(text) == .string(text) && !text.isEmpty && !readsAsOtherTypeInYAML11(text)
    let style: Node.Scalar.Style = text.contains("\n") ? .literal : (plain ? .any : .doubleQuoted)
    return Node(text, Tag(.str), style)
  }

  /// Whether a YAML 1.1 reader (go-yaml v2 behind kubectl, PyYAML) takes the plain scalar `text`
  /// for something other than a string: a timestamp (`2026-12-06T03:24:14Z`), a 1.1 boolean
  /// (`yes`, `off`) or a base-60 number (`1:20`). kubectl quotes these, and so do we.
  static func readsAsOtherTypeInYAML11(_ text: String) -> Bool {
    let booleans: Set<String> = [
      "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF",
    ]
    if booleans.contains(text) { return true }
    // Both other forms open with a digit or sign; most strings are ruled out without a regex.
    guard let first = text.utf8.first,
      first == UInt8(ascii: "+") || first == UInt8(ascii: "-") || (0x30...0x39).contains(first),
      text.contains("-") || text.contains(":")
    else { return false }
    let timestamp =
      #/[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt][0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\.[0-9]+)?(?:Z|[+-][0-9]{2}:[0-9]{2}))|(?: [0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\.[0-9]+)?))?/#
    let base60 = #/[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?/#
    return text.wholeMatch(of: timestamp) != nil || text.wholeMatch(of: base60) != nil
  }
}
