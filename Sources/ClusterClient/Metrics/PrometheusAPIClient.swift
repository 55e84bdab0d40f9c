import AsyncHTTPClient
import Foundation
import KubeCore
import NIOCore

/// A client for a Prometheus server's HTTP query API (`/api/v1/query`, `/api/v1/query_range`).
/// Queries go as form-encoded POSTs, which Prometheus accepts for both endpoints and which keeps
/// long PromQL out of URL length limits.
public struct PrometheusAPIClient: Sendable {
  private let base: String
  private let client: HTTPClient
  private let headers: [(name: String, value: String)]
  private let timeout: Duration

  /// A client for the server at `baseURL` (such as `http://prometheus:9090`); `headers` go with
  /// every request (an `Authorization` header for a protected server, say).
  public init(
    baseURL: String, client: HTTPClient = .shared, headers: [(name: String, value: String)] = [],
    timeout: Duration = .seconds(30)
  ) {
    base = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
    self.client = client
    self.headers = headers
    self.timeout = timeout
  }

  /// Evaluates `expression` at `time` (the server's now when nil).
  public func query(_ expression: String, at time: Date? = nil) async throws(PrometheusAPIError)
    -> PrometheusQueryResult
  {
    var form = [("query", expression)]
    if let time { form.append(("time", Self.seconds(time))) }
    return try await post("/api/v1/query", form: form)
  }

  /// Evaluates `expression` at every `step` from `start` to `end`; the result is a matrix.
  public func queryRange(_ expression: String, start: Date, end: Date, step: Duration) async throws(PrometheusAPIError)
    -> PrometheusQueryResult
  {
    return try await post(
      "/api/v1/query_range",
      form: [
        ("query", expression), ("start", Self.seconds(start)), ("end", Self.seconds(end)), ("step", "\(step.seconds)"),
      ])
  }

  private func post(_ path: String, form: [(String, String)]) async throws(PrometheusAPIError) -> PrometheusQueryResult
  {
    var request = HTTPClientRequest(url: base + path)
    request.method = .POST
    request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
    request.headers.add(name: "Accept", value: "application/json")
    for header in headers { request.headers.add(name: header.name, value: header.value) }
    let body = form.map { "\(Self.formEncoded($0.0))=\(Self.formEncoded($0.1))" }.joined(separator: "&")
    request.body = .bytes(ByteBuffer(string: body))
    let status: Int
    let bytes: [UInt8]
    do {
      let response = try await client.execute(request, timeout: TimeAmount(timeout))
      status = Int(response.status.code)
      bytes = Array(buffer: try await response.body.collect(upTo: 512 << 20))
    } catch {
      throw .transport(String(describing: error))
    }
    return try PrometheusQueryResult.decode(status: status, body: bytes)
  }

  /// Unix seconds with millisecond precision, the form Prometheus reads exactly.
  static func seconds(_ date: Date) -> String {
    let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
    let fraction = String(abs(milliseconds % 1000))
    return "\(milliseconds / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
  }

  /// `application/x-www-form-urlencoded`: unreserved bytes stay, every other byte is `%XX`.
  static func formEncoded(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
        UInt8(ascii: "~"):
        result.unicodeScalars.append(UnicodeScalar(byte))
      default:
        let hex = String(byte, radix: 16, uppercase: true)
        result += byte < 0x10 ? "%0\(hex)" : "%\(hex)"
      }
    }
    return result
  }
}
