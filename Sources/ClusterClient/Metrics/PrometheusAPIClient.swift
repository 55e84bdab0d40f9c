import AsyncHTTPClient
import Foundation
import KubeCore
import NIOCore

/// The answer of a PromQL query, by result type.
public enum PrometheusQueryResult: Sendable, Equatable {
  case vector([InstantSample])
  case matrix([RangeSeries])
  case scalar(time: Double, value: Double)
  case string(time: Double, value: String)

  /// One series' value at the query time.
  public struct InstantSample: Sendable, Equatable {
    public var labels: [String: String]
    public var time: Double
    public var value: Double
  }

  /// One series' values over the range.
  public struct RangeSeries: Sendable, Equatable {
    public var labels: [String: String]
    public var points: [Point]
  }

  public struct Point: Sendable, Equatable {
    public var time: Double
    public var value: Double
  }
}

/// A failed query: the server's `errorType` and `error`, or a transport failure.
public struct PrometheusAPIError: Error, Sendable, CustomStringConvertible {
  public var errorType: String
  public var message: String
  public var description: String { "prometheus \(errorType): \(message)" }
}

/// A client for a Prometheus server's HTTP API (`/api/v1/query`, `/api/v1/query_range`), for
/// `--prometheus URL` where the cluster's metrics already live in Prometheus.
public struct PrometheusAPIClient: Sendable {
  public var baseURL: String
  public var timeout: Duration

  public init(baseURL: String, timeout: Duration = .seconds(30)) {
    self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
    self.timeout = timeout
  }

  /// An instant query, at `time` or now.
  public func query(_ promql: String, at time: Date? = nil) async throws -> PrometheusQueryResult {
    var parameters = [("query", promql)]
    if let time { parameters.append(("time", Self.seconds(time))) }
    return try await get("/api/v1/query", parameters)
  }

  /// A range query from `start` to `end` every `step`.
  public func queryRange(_ promql: String, start: Date, end: Date, step: Duration) async throws
    -> PrometheusQueryResult
  {
    try await get(
      "/api/v1/query_range",
      [("query", promql), ("start", Self.seconds(start)), ("end", Self.seconds(end)), ("step", "\(step.seconds)")])
  }

  private func get(_ path: String, _ parameters: [(String, String)]) async throws -> PrometheusQueryResult {
    let request = HTTPClientRequest(url: baseURL + path + PathEscaping.query(parameters))
    let body: [UInt8]
    do {
      let response = try await HTTPClient.shared.execute(request, timeout: .nanoseconds(Int64(timeout.seconds * 1e9)))
      body = Array(buffer: try await response.body.collect(upTo: 256 << 20))
    } catch {
      throw PrometheusAPIError(errorType: "unreachable", message: "\(baseURL): \(error)")
    }
    let document: JSONValue
    do {
      document = try JSONParser.parse(body)
    } catch {
      throw PrometheusAPIError(errorType: "bad_response", message: "not JSON: \(error)")
    }
    guard document["status"]?.stringValue == "success", let data = document["data"] else {
      throw PrometheusAPIError(
        errorType: document["errorType"]?.stringValue ?? "bad_response",
        message: document["error"]?.stringValue ?? "the answer has no data")
    }
    return try Self.decode(data)
  }

  static func decode(_ data: JSONValue) throws -> PrometheusQueryResult {
    let result = data["result"] ?? .null
    switch data["resultType"]?.stringValue {
    case "vector":
      return .vector(
        try (result.arrayValue ?? []).map { series in
          let (time, value) = try point(series["value"])
          return .init(labels: labels(series["metric"]), time: time, value: value)
        })
    case "matrix":
      return .matrix(
        try (result.arrayValue ?? []).map { series in
          .init(
            labels: labels(series["metric"]),
            points: try (series["values"]?.arrayValue ?? []).map {
              let (time, value) = try point($0)
              return .init(time: time, value: value)
            })
        })
    case "scalar":
      let (time, value) = try point(result)
      return .scalar(time: time, value: value)
    case "string":
      return .string(
        time: result.arrayValue?.first?.doubleValue ?? 0, value: result.arrayValue?.last?.stringValue ?? "")
    default:
      throw PrometheusAPIError(errorType: "bad_response", message: "unknown resultType")
    }
  }

  /// `[1700000000.123, "1.5"]`: the value is a string so that NaN and ±Inf survive JSON.
  private static func point(_ value: JSONValue?) throws -> (Double, Double) {
    guard let pair = value?.arrayValue, pair.count == 2, let time = pair[0].doubleValue,
      let text = pair[1].stringValue, let number = Double(text)
    else { throw PrometheusAPIError(errorType: "bad_response", message: "a sample is not [time, \"value\"]") }
    return (time, number)
  }

  private static func labels(_ value: JSONValue?) -> [String: String] {
    var labels: [String: String] = [:]
    for (key, item) in value?.objectValue ?? [:] { labels[key] = item.stringValue }
    return labels
  }

  private static func seconds(_ date: Date) -> String { String(format: "%.3f", date.timeIntervalSince1970) }
}
