import Foundation

/// Timestamps as Kubernetes writes them (RFC 3339) and ages as `kubectl` prints them, so the
/// detail and describe views read like the tools an SRE already knows.
enum DetailTime {
  /// The instant an RFC 3339 timestamp names, with or without fractional seconds; nil otherwise.
  static func date(_ text: String?) -> Date? {
    guard let text, !text.isEmpty else { return nil }
    if let date = try? Date(text, strategy: Date.ISO8601FormatStyle()) { return date }
    return try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
  }

  /// The age of `timestamp` at `now` (`5m`), or `<unknown>` when it is missing or unreadable.
  static func age(_ timestamp: String?, now: Date) -> String {
    guard let date = date(timestamp) else { return "<unknown>" }
    return age(of: date, now: now)
  }

  /// The time from `date` to `now` as kubectl's `HumanDuration` writes it: precise when short
  /// (`90s`, `4m10s`), coarser as it grows (`3h`, `5d2h`, `400d`).
  static func age(of date: Date, now: Date) -> String {
    human(seconds: Int(now.timeIntervalSince(date).rounded(.down)))
  }

  /// A duration in seconds in kubectl's human form; `<invalid>` when far in the future, which
  /// only a clock skew between client and server produces.
  static func human(seconds: Int) -> String {
    if seconds < -1 { return "<invalid>" }
    if seconds < 0 { return "0s" }
    if seconds < 120 { return "\(seconds)s" }
    let minutes = seconds / 60
    if minutes < 10 { return seconds % 60 == 0 ? "\(minutes)m" : "\(minutes)m\(seconds % 60)s" }
    if minutes < 180 { return "\(minutes)m" }
    let hours = minutes / 60
    if hours < 8 { return minutes % 60 == 0 ? "\(hours)h" : "\(hours)h\(minutes % 60)m" }
    if hours < 48 { return "\(hours)h" }
    if hours < 24 * 8 { return hours % 24 == 0 ? "\(hours / 24)d" : "\(hours / 24)d\(hours % 24)h" }
    if hours < 24 * 365 * 2 { return "\(hours / 24)d" }
    let years = hours / 24 / 365
    if hours < 24 * 365 * 8 {
      let days = hours / 24 - years * 365
      return days == 0 ? "\(years)y" : "\(years)y\(days)d"
    }
    return "\(years)y"
  }
}
