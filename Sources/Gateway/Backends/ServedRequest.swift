import ClusterClient
import Foundation
import KubeCore

/// What an instance did with one request: the fields of the JSON line it writes to its Pod's log.
public struct ServedRequest: Sendable, Hashable {
  /// `x-request-id`, logged as `correlation_id`.
  public var requestID: String
  public var model: String
  public var namespace: String
  public var pod: String
  public var promptTokens: Int
  /// Tokens generated, also when the client left before the end.
  public var completionTokens: Int
  /// From arrival to the last token (or the failure).
  public var latency: Duration
  /// From arrival to the first token; nil when none came.
  public var timeToFirstToken: Duration?
  /// 200, or the status of the `GenerationError`.
  public var status: Int
  /// The failure's message.
  public var error: String?
  /// When it finished.
  public var finishedAt: Date

  /// A record of one request.
  public init(
    requestID: String, model: String, namespace: String, pod: String, promptTokens: Int, completionTokens: Int,
    latency: Duration, timeToFirstToken: Duration?, status: Int, error: String? = nil, finishedAt: Date = Date()
  ) {
    self.requestID = requestID
    self.model = model
    self.namespace = namespace
    self.pod = pod
    self.promptTokens = promptTokens
    self.completionTokens = completionTokens
    self.latency = latency
    self.timeToFirstToken = timeToFirstToken
    self.status = status
    self.error = error
    self.finishedAt = finishedAt
  }

  /// The instance's log line, in the fields DESIGN.md's "Correlation IDs" names.
  public var logLine: String {
    var line: JSONValue = [
      "ts": .string(LogTimestamp(finishedAt).rfc3339Milliseconds), "level": status < 500 ? "info" : "error",
      "logger": "model-server", "msg": status == 200 ? "request served" : "request failed",
      "correlation_id": .string(requestID), "model": .string(model), "pod": .string(pod),
      "tokens_in": .int(Int64(promptTokens)), "tokens_out": .int(Int64(completionTokens)),
      "latency_ms": .int(Self.milliseconds(latency)), "status": .int(Int64(status)),
    ]
    if let error { line["error"] = .string(error) }
    return line.jsonString
  }

  static func milliseconds(_ duration: Duration) -> Int64 {
    let (seconds, attoseconds) = duration.components
    return seconds * 1000 + attoseconds / 1_000_000_000_000_000
  }
}
