import Foundation
import KubeCore

/// Timestamps as Kubernetes writes them (RFC 3339) and ages as `kubectl` prints them, so the
/// detail and describe views read like the tools an SRE already knows.
enum DetailTime {
  /// The instant an RFC 3339 timestamp names, with or without fractional seconds; nil otherwise.
  static func date(_ text: String?) -> Date? {
    guard let text, !text.isEmpty else { return nil }
    return Timestamps.parse(text)
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

  /// A duration in seconds in kubectl's human form (the server's own, so both read alike).
  static func human(seconds: Int) -> String { Timestamps.humanDuration(TimeInterval(seconds)) }
}
