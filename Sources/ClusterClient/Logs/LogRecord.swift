import KubeCore

/// One log line, parsed once: the kubelet's write time when it was asked for, the text, and —
/// when the text is a JSON object, as this project's logs are — its fields. The fields that
/// filters, merges and the console's view touch on every line (`ts`, `level`, `msg`,
/// `correlation_id`) are pulled out up front; the view draws from them, so no one reads the line
/// again. Besides this project's spellings, those of other common JSON loggers are read too
/// (`time`, `severity`, `message`...), since a real cluster's pods write them.
public struct LogRecord: Sendable, Equatable {
  /// The pod and container that wrote the line.
  public var source: LogSource
  /// When the kubelet (or the embedded server) stored the line, from a `timestamps=true` prefix.
  public var timestamp: LogTimestamp?
  /// The line without the timestamp prefix.
  public var text: String
  /// The members of the line when it is a JSON object; nil for plain text.
  public let fields: JSONValue?
  /// The `ts` field (or `time`, `timestamp`, `@timestamp`), parsed as RFC 3339.
  public let ts: LogTimestamp?
  /// The `level` field (or `lvl`, `severity`), parsed; nil when absent or not a level word.
  public let level: LogLevel?
  /// The `correlation_id` field; nil when absent or empty.
  public let correlationID: String?

  /// A record for `text` as written, with its write time if known.
  public init(source: LogSource, timestamp: LogTimestamp?, text: String) {
    self.source = source
    self.timestamp = timestamp
    self.text = text
    let fields = Self.jsonObject(text)
    self.fields = fields
    ts = fields.flatMap { Self.string(of: Self.timeKeys, in: $0) }.flatMap { LogTimestamp(rfc3339: $0) }
    level = fields.flatMap { Self.level(in: $0) }
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

  /// The `msg` field (or `message`).
  public var message: String? { fields.flatMap { Self.string(of: Self.messageKeys, in: $0) } }

  /// The `logger` field.
  public var logger: String? { fields?["logger"]?.stringValue }

  /// Whether the line is a JSON object.
  public var isJSON: Bool { fields != nil }

  /// The time to order lines from several sources by: the line's own `ts` when it has one (the
  /// moment it happened), else the write time.
  public var time: LogTimestamp? { ts ?? timestamp }

  /// The names a line's time may have, in the order they are looked for.
  public static let timeKeys = ["ts", "time", "timestamp", "@timestamp"]
  /// The names a line's level may have.
  public static let levelKeys = ["level", "lvl", "severity"]
  /// The names a line's message may have.
  public static let messageKeys = ["msg", "message"]

  /// The first of `keys` whose member of `object` is a string.
  public static func string(of keys: [String], in object: JSONValue) -> String? {
    keys.lazy.compactMap { object[$0]?.stringValue }.first
  }

  /// The level a JSON line's object names (nil when none of `levelKeys` holds a level word).
  static func level(in object: JSONValue) -> LogLevel? {
    string(of: levelKeys, in: object).flatMap { LogLevel(parsing: $0) }
  }

  private static func jsonObject(_ text: String) -> JSONValue? {
    guard text.utf8.first(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }) == UInt8(ascii: "{"),
      let value = try? JSONParser.parse(text.utf8), value.objectValue != nil
    else { return nil }
    return value
  }
}
