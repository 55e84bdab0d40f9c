import ClusterClient
import Foundation
import KubeCore

/// What the gateway records of one request: its access-log line and the numbers its metrics
/// count. Never the API key or the `Authorization` header.
public struct AccessRecord: Sendable, Hashable {
  public var requestID: String
  public var route: String
  public var model: String
  public var endpoint: String
  public var status: Int
  /// Why it failed, when it did (`model_not_found`, `rate_limit_exceeded`, …).
  public var reason: String?
  /// For 429: the limit that refused it (`requests` or `tokens`).
  public var limit: String?
  public var instance: String?
  public var promptTokens: Int
  public var completionTokens: Int
  public var duration: Duration
  public var timeToFirstToken: Duration?
  public var cacheHit: Bool

  /// The JSON log line (DESIGN.md's fields).
  public func logLine(at date: Date = Date()) -> String {
    var line: JSONValue = [
      "ts": .string(LogTimestamp(date).rfc3339Milliseconds), "level": status >= 500 ? "error" : "info",
      "logger": "gateway", "msg": "request", "correlation_id": .string(requestID), "route": .string(route),
      "model": .string(model), "path": .string(endpoint), "status": .int(Int64(status)),
      "latency_ms": .int(
        Int64(duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000)),
      "tokens_in": .int(Int64(promptTokens)), "tokens_out": .int(Int64(completionTokens)),
    ]
    if let instance { line["pod"] = .string(instance) }
    if let reason { line["reason"] = .string(reason) }
    if cacheHit { line["cache"] = "hit" }
    return line.jsonString
  }
}
