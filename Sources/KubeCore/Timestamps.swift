import Foundation

/// RFC 3339 timestamps as Kubernetes writes them, and ages as `kubectl` prints them.
public enum Timestamps {
  /// `2026-11-25T00:51:47Z`.
  public static func format(_ date: Date) -> String {
    date.ISO8601Format()
  }

  /// Parses a timestamp with or without fractional seconds.
  public static func parse(_ text: String) -> Date? {
    if let date = try? Date(text, strategy: .iso8601) { return date }
    return try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
  }

  /// An age as `kubectl get` prints it (Kubernetes' `duration.HumanDuration`): 45s, 3m20s, 5h, 12d.
  public static func humanDuration(_ interval: TimeInterval) -> String {
    let seconds = Int(interval)
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
      let days = (hours / 24) % 365
      return days == 0 ? "\(years)y" : "\(years)y\(days)d"
    }
    return "\(years)y"
  }
}
