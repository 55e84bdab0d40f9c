import Foundation

/// RFC 3339 timestamps as Kubernetes writes them: whole seconds (`creationTimestamp`) or with a
/// fraction (`MicroTime`, log timestamps).
enum RFC3339 {
  /// The date `text` names, or nil when it is not RFC 3339.
  static func date(_ text: String) -> Date? {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    if let date = formatter.date(from: text) { return date }
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.date(from: text)
  }
}
