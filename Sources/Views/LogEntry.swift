/// Severity of a log line.
public enum LogLevel: Int, Comparable, Hashable, Sendable, CaseIterable {
  case trace, debug, info, warn, error, unknown

  /// Parses common spellings (`INFO`, `warning`, `err`, `fatal`...).
  public init(parsing text: String) {
    switch text.lowercased() {
    case "trace": self = .trace
    case "debug", "dbg": self = .debug
    case "info", "information", "notice": self = .info
    case "warn", "warning": self = .warn
    case "error", "err", "fatal", "critical", "panic": self = .error
    default: self = .unknown
    }
  }

  /// The five-column label shown in the view.
  public var label: String { ["TRACE", "DEBUG", "INFO ", "WARN ", "ERROR", "     "][rawValue] }

  /// The theme role of the level.
  public var role: ThemeRole { [.logTrace, .logDebug, .logInfo, .logWarn, .logError, .text][rawValue] }

  /// Orders levels by severity.
  public static func < (a: LogLevel, b: LogLevel) -> Bool { a.rawValue < b.rawValue }
}

/// A run of a log line's display text and the role it is drawn in.
public struct LogSegment: Hashable, Sendable {
  /// The text.
  public var text: String
  /// Its role.
  public var role: ThemeRole
}

/// One parsed log line. JSON lines show `time LEVEL source message key=value...` (the message
/// first, then the other fields in their order); other lines show as they are, coloured by a level
/// word. `source` is a `src` field, which a viewer merging several logs adds to name each line's
/// origin: it goes up front, where a narrow pane does not cut it off.
public struct LogEntry: Hashable, Sendable {
  /// The line as received.
  public let raw: String
  /// Severity.
  public let level: LogLevel
  /// The display text, as drawn.
  public let text: String
  /// The display text split by role.
  public let segments: [LogSegment]
  /// Display width of `text`.
  public let width: Int

  static let timestampKeys: Set = ["ts", "time", "timestamp", "@timestamp"]
  static let levelKeys: Set = ["level", "lvl", "severity"]
  static let messageKeys: Set = ["msg", "message"]
  static let sourceKeys: Set = ["src"]

  /// Parses one line.
  public init(parsing line: String) {
    raw = line
    var segments: [LogSegment]
    if line.first == "{", let pairs = FlatJSON.parse(line) {
      (level, segments) = LogEntry.fromJSON(pairs)
    } else {
      level = LogEntry.sniffLevel(line)
      segments = [LogSegment(text: line, role: level == .unknown || level == .info ? .text : level.role)]
    }
    segments = segments.filter { !$0.text.isEmpty }
    self.segments = segments
    text = segments.map(\.text).joined()
    width = DisplayWidth.of(text)
  }

  private static func fromJSON(_ pairs: [(key: String, value: String)]) -> (LogLevel, [LogSegment]) {
    let time = pairs.first { timestampKeys.contains($0.key) }?.value
    let levelText = pairs.first { levelKeys.contains($0.key) }?.value ?? ""
    let level = LogLevel(parsing: levelText)
    let message = pairs.first { messageKeys.contains($0.key) }?.value ?? ""
    var segments: [LogSegment] = []
    if let time { segments.append(LogSegment(text: shortTime(time) + " ", role: .logTimestamp)) }
    segments.append(LogSegment(text: level.label + " ", role: level.role))
    if let source = pairs.first(where: { sourceKeys.contains($0.key) })?.value {
      segments.append(LogSegment(text: source + " ", role: .logKey))
    }
    segments.append(LogSegment(text: message, role: .text))
    let skip = timestampKeys.union(levelKeys).union(messageKeys).union(sourceKeys)
    for pair in pairs where !skip.contains(pair.key) {
      segments.append(LogSegment(text: " \(pair.key)=", role: .logKey))
      segments.append(LogSegment(text: pair.value.contains(" ") ? "\"\(pair.value)\"" : pair.value, role: .text))
    }
    return (level, segments)
  }

  /// `12:34:56.789` from an RFC 3339 time; other text unchanged.
  static func shortTime(_ text: String) -> String {
    guard let t = text.firstIndex(of: "T") else { return text }
    let rest = text[text.index(after: t)...]
    return String(rest.prefix { $0 != "Z" && $0 != "+" && $0 != "-" }.prefix(12))
  }

  private static func sniffLevel(_ line: String) -> LogLevel {
    for word in line.prefix(80).split(whereSeparator: { !$0.isLetter }).prefix(6) {
      let level = LogLevel(parsing: String(word))
      if level != .unknown && word.uppercased() == word { return level }
    }
    return .unknown
  }
}
