import ClusterClient
import KubeCore

/// How `aiconsole logs` prints a line: the raw JSON with a `source` field added, or a readable
/// `time source level msg key=value…` line.
enum LogLineFormat: String, Sendable, CaseIterable {
  case json, text

  /// The printed form of `record`.
  func render(_ record: LogRecord) -> String {
    switch self {
    case .json: return Self.json(record)
    case .text: return Self.text(record)
    }
  }

  /// The line as received with `"source":"namespace/pod"` added; a plain-text line becomes
  /// `{"ts":…,"source":…,"msg":…}` so that every printed line is a JSON object.
  static func json(_ record: LogRecord) -> String {
    let source = JSONValue.string(record.source.description).jsonString
    guard record.isJSON else {
      var object: JSONValue = .emptyObject
      if let time = record.time { object["ts"] = .string(time.rfc3339Milliseconds) }
      object["source"] = .string(record.source.description)
      object["msg"] = .string(record.text)
      return object.jsonString
    }
    var text = Substring(record.text)
    while let last = text.last, last.isWhitespace { text.removeLast() }
    text.removeLast()  // the closing brace
    let empty = record.fields?.objectValue?.isEmpty ?? true
    return String(text) + (empty ? "" : ",") + "\"source\":" + source + "}"
  }

  /// `2026-11-30T10:00:00.123Z aiconsole-gateway info request served route=chat status=200`.
  static func text(_ record: LogRecord) -> String {
    let time = record.time?.rfc3339Milliseconds ?? "-"
    let source =
      record.source.namespace == CorrelationTail.componentNamespace ? record.source.pod : record.source.description
    guard let members = record.fields?.objectValue else { return "\(time) \(source) \(record.text)" }
    let level = record.fields.flatMap { LogRecord.string(of: LogRecord.levelKeys, in: $0) }
    var words = [time, source, level ?? "-", record.message ?? ""]
    let shown = Set(LogRecord.timeKeys + LogRecord.levelKeys + LogRecord.messageKeys)
    for (key, value) in members where !shown.contains(key) {
      words.append("\(key)=\(word(value))")
    }
    return words.filter { !$0.isEmpty }.joined(separator: " ")
  }

  private static func word(_ value: JSONValue) -> String {
    guard let text = value.stringValue else { return value.jsonString }
    return text.isEmpty || text.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" }) ? value.jsonString : text
  }
}
