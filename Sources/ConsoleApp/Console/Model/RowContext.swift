import ClusterClient
import Foundation
import KubeCore

/// What a list row needs beyond its object: the clock its ages are measured against, and the
/// live metrics of the object (looked up by the app through its pods and the metrics board).
struct RowContext {
  /// The time ages are measured against.
  var now: Date
  /// Tokens per second (in + out) the object serves now, if known.
  var tokensPerSecond: (JSONValue) -> Double? = { _ in nil }
  /// Mean GPU utilisation (0–100) of the object's instances, if known.
  var gpuPercent: (JSONValue) -> Double? = { _ in nil }
  /// The server's cells of the listed kind's objects by `namespace/name`, for kinds watched as
  /// the server's Table.
  var tableCells: [String: [JSONValue]] = [:]

  /// The server's cells of `object`'s row; empty when the kind is not watched as a Table.
  func serverCells(_ object: JSONValue) -> [JSONValue] { tableCells[ResourceStore.key(object)] ?? [] }

  /// `3m20s`, as kubectl prints ages; blank without a creation time.
  func age(_ object: JSONValue) -> String {
    guard let created = object[path: ["metadata", "creationTimestamp"]]?.stringValue,
      let date = Timestamps.parse(created)
    else { return "" }
    return Timestamps.humanDuration(now.timeIntervalSince(date))
  }

  /// A rate as a short number: `1.2k`, `85`, `0.4`, or `-` when unknown.
  static func rate(_ value: Double?) -> String {
    guard let value, value.isFinite else { return "-" }
    if value >= 10_000 { return String(format: "%.0fk", value / 1000) }
    if value >= 1000 { return String(format: "%.1fk", value / 1000) }
    if value >= 10 { return String(format: "%.0f", value) }
    return String(format: "%.1f", value)
  }

  /// A percentage without decimals, or `-`.
  static func percent(_ value: Double?) -> String {
    guard let value, value.isFinite else { return "-" }
    return "\(Int(value.rounded()))%"
  }
}
