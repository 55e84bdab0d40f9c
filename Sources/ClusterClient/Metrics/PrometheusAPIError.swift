/// Why a query to a Prometheus server gave no result.
public enum PrometheusAPIError: Error, Sendable, Hashable, CustomStringConvertible {
  /// Prometheus answered `{"status":"error"}`: `errorType` is its class (`bad_data`,
  /// `execution`, `timeout`, `canceled`, `internal`, `unavailable`, `not_found`).
  case query(errorType: String, message: String, httpStatus: Int)
  /// A non-2xx answer that was not Prometheus' error JSON (a proxy's page, say).
  case httpStatus(Int, body: String)
  /// The server could not be reached or the connection failed.
  case transport(String)
  /// A 2xx answer that was not the JSON shape the API documents.
  case malformedResponse(String)

  /// One line for a status bar.
  public var description: String {
    switch self {
    case .query(let type, let message, let status): "Prometheus \(type) (HTTP \(status)): \(message)"
    case .httpStatus(let status, let body): "Prometheus answered HTTP \(status): \(body.prefix(200))"
    case .transport(let message): "Prometheus unreachable: \(message)"
    case .malformedResponse(let reason): "unexpected answer from Prometheus: \(reason)"
    }
  }
}
