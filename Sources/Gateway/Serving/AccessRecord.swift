import ClusterClient
import Foundation
import KubeCore
import Synchronization

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
  /// The pool that served it; `.none` for a request refused or answered before routing picked one.
  public var pool = ServingPool.none
  /// The metric handles of the route × pool that served it, from the routing snapshot; nil
  /// where routing picked no pool (the metrics then find the handles by the labels).
  var series: MetricsSlot? = nil

  /// The JSON log line (DESIGN.md's fields), written straight to bytes: one per request, on the
  /// proxy's hot path.
  public func logLine(at date: Date = Date()) -> String {
    var line: [UInt8] = []
    line.reserveCapacity(320)
    // The names are plain ASCII with nothing to escape: written as they are.
    func key(_ name: StaticString) {
      line.append(line.isEmpty ? UInt8(ascii: "{") : UInt8(ascii: ","))
      line.append(UInt8(ascii: "\""))
      name.withUTF8Buffer { line.append(contentsOf: $0) }
      line.append(UInt8(ascii: "\""))
      line.append(UInt8(ascii: ":"))
    }
    func field(_ name: StaticString, _ text: String) {
      key(name)
      JSONValue.writeString(text, into: &line)
    }
    func field(_ name: StaticString, _ number: Int) {
      key(name)
      line.append(contentsOf: String(number).utf8)
    }
    key("ts")
    AccessLogClock.shared.writeMilliseconds(LogTimestamp(date), into: &line)
    field("level", status >= 500 ? "error" : "info")
    field("logger", "gateway")
    field("msg", "request")
    field("correlation_id", requestID)
    field("route", route)
    field("model", model)
    field("path", endpoint)
    field("status", status)
    field(
      "latency_ms", Int(duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000))
    field("tokens_in", promptTokens)
    field("tokens_out", completionTokens)
    if let instance { field("pod", instance) }
    if let reason { field("reason", reason) }
    if cacheHit { field("cache", "hit") }
    line.append(UInt8(ascii: "}"))
    return String(decoding: line, as: UTF8.self)
  }
}

/// The access log's `ts`, RFC 3339 with milliseconds as `LogTimestamp.rfc3339Milliseconds` writes
/// it, with the date and time of the current second formatted once per second: every request
/// writes one, and formatting it was half of the access log's cost.
final class AccessLogClock: Sendable {
  static let shared = AccessLogClock()
  private let second = Mutex<(seconds: Int64, text: [UInt8])>((.min, []))

  /// Writes `"2026-12-06T12:00:00.123Z"`, quotes included.
  func writeMilliseconds(_ time: LogTimestamp, into line: inout [UInt8]) {
    line.append(UInt8(ascii: "\""))
    second.withLock { second in
      if second.seconds != time.seconds {
        second = (time.seconds, Array(LogTimestamp(seconds: time.seconds).rfc3339Seconds.utf8.dropLast()))
      }
      line.append(contentsOf: second.text)
    }
    let millis = Int(time.nanoseconds / 1_000_000)
    line.append(UInt8(ascii: "."))
    line.append(UInt8(ascii: "0") + UInt8(millis / 100))
    line.append(UInt8(ascii: "0") + UInt8(millis / 10 % 10))
    line.append(UInt8(ascii: "0") + UInt8(millis % 10))
    line.append(UInt8(ascii: "Z"))
    line.append(UInt8(ascii: "\""))
  }
}
