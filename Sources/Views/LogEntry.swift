/// A run of a log line's display text and the role it is drawn in.
public struct LogSegment: Hashable, Sendable {
  /// The text.
  public var text: String
  /// Its role.
  public var role: ThemeRole

  /// A run of `text` drawn in `role`.
  public init(text: String, role: ThemeRole) {
    self.text = text
    self.role = role
  }
}

/// One line of a log view, laid out for drawing. Views reads no log format: whoever parsed the
/// line hands over its parts, and a structured line shows as `time LEVEL source message key=value...`
/// (the message first, then the other fields in their order), a plain one as it is. The source
/// (the pod of a merged log) goes up front, where a narrow pane does not cut it off.
public struct LogEntry: Hashable, Sendable {
  /// Columns the level label is padded to, so messages line up.
  public static let levelWidth = 5

  /// The display text, as drawn.
  public let text: String
  /// Display width of `text`.
  public let width: Int
  /// Where each run of one role ends in `text` (a UTF-8 offset): a console keeps thousands of
  /// entries, and one string with these is a fraction of the size of a string per run.
  private let runs: [Run]

  private struct Run: Hashable, Sendable {
    var end: Int32
    var role: ThemeRole
  }

  /// A line of the given runs (empty runs are dropped).
  public init(segments: [LogSegment]) {
    var text = ""
    var runs: [Run] = []
    for segment in segments where !segment.text.isEmpty {
      text += segment.text
      runs.append(Run(end: Int32(text.utf8.count), role: segment.role))
    }
    self.text = text
    self.runs = runs
    width = DisplayWidth.of(text)
  }

  /// The display text split by role.
  public var segments: [LogSegment] {
    var start = text.utf8.startIndex
    return runs.map { run in
      let end = text.utf8.index(text.utf8.startIndex, offsetBy: Int(run.end))
      defer { start = end }
      return LogSegment(text: String(text[start..<end]), role: run.role)
    }
  }

  /// A plain line, drawn in one role (a level's role when the line names one).
  public init(plain text: String, role: ThemeRole = .text) {
    self.init(segments: [LogSegment(text: text, role: role)])
  }

  /// A structured line from its parts: `time` as it is to be shown (nil for none), the level's
  /// label and role (nil label for a line without a level: the column stays, blank), the source,
  /// the message, then every other field as `key=value` (a value holding a space is quoted).
  public init(
    time: String?, level: String?, levelRole: ThemeRole, source: String?, message: String,
    fields: [(key: String, value: String)]
  ) {
    var segments: [LogSegment] = []
    if let time { segments.append(LogSegment(text: time + " ", role: .logTimestamp)) }
    let label = level ?? ""
    let padding = String(repeating: " ", count: max(0, Self.levelWidth - DisplayWidth.of(label)))
    segments.append(LogSegment(text: label + padding + " ", role: level == nil ? .text : levelRole))
    if let source { segments.append(LogSegment(text: source + " ", role: .logKey)) }
    segments.append(LogSegment(text: message, role: .text))
    for field in fields {
      segments.append(LogSegment(text: " \(field.key)=", role: .logKey))
      segments.append(LogSegment(text: field.value.contains(" ") ? "\"\(field.value)\"" : field.value, role: .text))
    }
    self.init(segments: segments)
  }
}
