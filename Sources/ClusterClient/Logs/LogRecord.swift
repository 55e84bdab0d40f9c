import KubeCore

/// One log line, parsed once: the kubelet's write time when it was asked for, the text, and —
/// when the text is a JSON object, as this project's logs are — its fields. The fields that
/// filters and merges touch on every line (`ts`, `level`, `correlation_id`) are pulled out up front.
public struct LogRecord: Sendable, Equatable {
  /// The pod and container that wrote the line.
  public var source: LogSource
  /// When the kubelet (or the embedded server) stored the line, from a `timestamps=true` prefix.
  public var timestamp: LogTimestamp?
  /// The line without the timestamp prefix.
  public var text: String
  /// The members of the line when it is a JSON object; nil for plain text.
  public let fields: JSONValue?
  /// The `ts` field, parsed.
  public let ts: LogTimestamp?
  /// The `level` field.
  public let level: String?
  /// The `correlation_id` field; nil when absent or empty.
  public let correlationID: String?

  /// A record for `text` as written, with its write time if known.
  public init(source: LogSource, timestamp: LogTimestamp?, text: String) {
    self.source = source
    self.timestamp = timestamp
    self.text = text
    let fields = Self.jsonObject(text)
    self.fields = fields
    ts = fields?["ts"]?.stringValue.flatMap { LogTimestamp(rfc3339: $0) }
    level = fields?["level"]?.stringValue
    correlationID = fields?["correlation_id"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
  }

  /// A record for a line as the log API returns it; with `timestamped`, a leading RFC 3339 stamp
  /// and space (`timestamps=true`) is split off. A line whose prefix is not a stamp stays whole.
  public init(line: String, source: LogSource, timestamped: Bool) {
    guard timestamped, let space = line.utf8.firstIndex(of: UInt8(ascii: " ")),
      let stamp = LogTimestamp(rfc3339: line[..<space])
    else {
      self.init(source: source, timestamp: nil, text: line)
      return
    }
    self.init(source: source, timestamp: stamp, text: String(line[line.index(after: space)...]))
  }

  /// A field of a JSON line; nil for plain text or an absent field.
  public subscript(field: String) -> JSONValue? { fields?[field] }

  /// The `msg` field.
  public var message: String? { fields?["msg"]?.stringValue }

  /// The `logger` field.
  public var logger: String? { fields?["logger"]?.stringValue }

  /// Whether the line is a JSON object.
  public var isJSON: Bool { fields != nil }

  /// The time to order lines from several sources by: the line's own `ts` when it has one (the
  /// moment it happened), else the write time.
  public var time: LogTimestamp? { ts ?? timestamp }

  private static func jsonObject(_ text: String) -> JSONValue? {
    guard text.utf8.first(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }) == UInt8(ascii: "{"),
      let value = try? JSONParser.parse(text.utf8), value.objectValue != nil
    else { return nil }
    return value
  }
}
