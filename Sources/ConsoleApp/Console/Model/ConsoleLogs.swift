import ClusterClient
import Views

/// The logs pane's lines: the records of the followed sources, kept in a bounded buffer, and the
/// level filter over them (changing the filter redraws from what is kept, so nothing is refetched).
struct ConsoleLogs: Sendable {
  /// Lines kept at most.
  static let capacity = 5_000
  /// The filter steps `v` cycles through: everything, then at least each level.
  static let levels: [LogLevel?] = [nil, .debug, .info, .warn, .error]

  private(set) var kept: [(level: LogLevel, line: String)] = []
  /// Only lines at this level or above are shown; nil shows every line.
  private(set) var minimumLevel: LogLevel?
  /// What the log widget draws.
  var view = LogViewState(capacity: ConsoleLogs.capacity)

  /// Adds one record, tagged with its source.
  mutating func append(_ record: LogRecord) {
    let line = Self.tagged(record)
    let level = LogLevel(parsing: record.level ?? "")
    kept.append((level, line))
    if kept.count > Self.capacity + Self.capacity / 4 { kept.removeFirst(kept.count - Self.capacity) }
    if shows(level) { view.append(line) }
  }

  /// Forgets every line (the sources changed).
  mutating func clear() {
    kept.removeAll()
    rebuild()
  }

  /// Moves the level filter to its next step.
  mutating func cycleLevel() {
    let index = Self.levels.firstIndex(of: minimumLevel) ?? 0
    minimumLevel = Self.levels[(index + 1) % Self.levels.count]
    rebuild()
  }

  /// `all`, or `≥warn`.
  var levelLabel: String {
    minimumLevel.map { "≥" + $0.label.trimmingCharacters(in: .whitespaces).lowercased() } ?? "all"
  }

  private func shows(_ level: LogLevel) -> Bool {
    guard let minimumLevel else { return true }
    return level != .unknown && level >= minimumLevel
  }

  private mutating func rebuild() {
    var fresh = LogViewState(capacity: Self.capacity)
    fresh.follow = view.follow
    fresh.wrap = view.wrap
    fresh.append(contentsOf: kept.filter { shows($0.level) }.map(\.line))
    view = fresh
  }

  /// The line with its pod named: a `src` field inside a JSON line (so it still parses), else a prefix.
  static func tagged(_ record: LogRecord) -> String {
    let text = record.text
    if text.hasPrefix("{"), text.hasSuffix("}") {
      return String(text.dropLast()) + #","src":"\#(record.source.pod)"}"#
    }
    return "[\(record.source.pod)] \(text)"
  }
}
