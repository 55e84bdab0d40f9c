import KubeCore

/// A refusal, as OpenAI-compatible clients expect it: an HTTP status and
/// `{"error": {"message", "type", "param", "code"}}`.
struct GatewayError: Error, Sendable, Equatable {
  var status: Int
  var type: String
  var code: String
  var message: String
  /// For 429: seconds until a retry can succeed.
  var retryAfter: Int?
  /// For 429: which limit (`requests` or `tokens`).
  var limit: String?

  var body: JSONValue {
    ["error": ["message": .string(message), "type": .string(type), "param": nil, "code": .string(code)]]
  }

  static func badRequest(_ message: String, code: String = "invalid_request") -> GatewayError {
    GatewayError(status: 400, type: "invalid_request_error", code: code, message: message)
  }

  static func modelNotFound(_ model: String) -> GatewayError {
    GatewayError(
      status: 404, type: "invalid_request_error", code: "model_not_found",
      message: "no AIModelRoute serves the model \"\(model)\"")
  }

  static let unauthorized = GatewayError(
    status: 401, type: "authentication_error", code: "invalid_api_key",
    message: "this route needs an API key: send Authorization: Bearer <key> with a key from the route's Secret")

  static func tooLarge(limit: Int) -> GatewayError {
    GatewayError(
      status: 413, type: "invalid_request_error", code: "request_too_large",
      message: "the request body is larger than \(limit / 1024 / 1024) MiB")
  }

  static func rateLimited(route: String, limit: String, retryAfter: Int) -> GatewayError {
    GatewayError(
      status: 429, type: "rate_limit_error", code: "rate_limit_exceeded",
      message: "route \(route) allows no more \(limit) per minute now; retry in \(retryAfter) s", retryAfter: retryAfter
    )
  }

  static func unavailable(_ message: String) -> GatewayError {
    GatewayError(status: 503, type: "service_unavailable", code: "no_ready_instance", message: message)
  }

  static func timeout(seconds: Int) -> GatewayError {
    GatewayError(
      status: 504, type: "timeout", code: "upstream_timeout",
      message: "the model did not finish within the route's \(seconds) s timeout")
  }
}
