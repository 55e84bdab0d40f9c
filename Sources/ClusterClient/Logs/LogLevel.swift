/// A log line's severity, the one level type of the project: a record's `level` is one, a filter's
/// `level>=warn` compares against one, and the console colours a line by one. Read from the common
/// spellings (`WARNING`, `err`, `fatal`).
public enum LogLevel: Int, Comparable, Hashable, Sendable, CaseIterable, CustomStringConvertible {
  case trace, debug, info, warn, error

  /// The level a word names; nil for anything else.
  public init?(parsing text: some StringProtocol) {
    switch text.lowercased() {
    case "trace": self = .trace
    case "debug", "dbg": self = .debug
    case "info", "information", "notice": self = .info
    case "warn", "warning": self = .warn
    case "error", "err", "fatal", "critical", "panic": self = .error
    default: return nil
    }
  }

  /// The level a plain (not JSON) line shouts near its start, as `2025 WARN disk low` or
  /// `E1130 ... ERROR`: the first upper-case level word among its first six words (in the first 80
  /// characters). A lower-case `info` inside a sentence is prose, not a level.
  public init?(plainLine line: some StringProtocol) {
    for word in line.prefix(80).split(whereSeparator: { !$0.isLetter }).prefix(6) where word.uppercased() == word {
      if let level = LogLevel(parsing: word) {
        self = level
        return
      }
    }
    return nil
  }

  /// `trace`, `debug`, `info`, `warn` or `error`.
  public var description: String { ["trace", "debug", "info", "warn", "error"][rawValue] }

  /// Orders levels by severity.
  public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool { lhs.rawValue < rhs.rawValue }
}
