import KubeCore

/// What the gateway serves besides completions, and the parts a connection needs to serve those.
struct GatewayEndpoints: Sendable {
  let handler: RequestHandler
  let exposition: @Sendable () async -> [UInt8]

  /// What a request's method and path ask for.
  enum Target: Equatable {
    case completion(InferenceRequest.Endpoint)
    case models
    case metrics
    case health
    case wrongMethod(allowed: String)
    case notFound
  }

  static func target(method: String, uri: String) -> Target {
    // The path without the query; a URI without one (the usual case) is used as it is.
    let path = uri.utf8.firstIndex(of: UInt8(ascii: "?")).map { String(uri[..<$0]) } ?? uri
    let (target, allowed): (Target, String) =
      switch path {
      case InferenceRequest.Endpoint.chat.rawValue: (.completion(.chat), "POST")
      case InferenceRequest.Endpoint.completion.rawValue: (.completion(.completion), "POST")
      case "/v1/models": (.models, "GET")
      case "/metrics": (.metrics, "GET")
      case "/healthz": (.health, "GET")
      default: (.notFound, "")
      }
    guard target == .notFound || method == allowed else { return .wrongMethod(allowed: allowed) }
    return target
  }

  /// The models the routes serve, as OpenAI's `GET /v1/models` lists them.
  func models() async -> GatewayReply {
    let routes = await handler.view.snapshot().routes
    let models = Set(routes.map(\.spec.model)).sorted()
    let body: JSONValue = [
      "object": "list",
      "data": .array(models.map { ["id": .string($0), "object": "model", "owned_by": "aiconsole", "created": 0] }),
    ]
    return .json(status: 200, body: body, headers: [])
  }

  func metrics() async -> GatewayReply {
    .bytes(
      status: 200, headers: [("content-type", "text/plain; version=0.0.4; charset=utf-8")],
      body: .init(bytes: await exposition()))
  }

  static func refusal(_ target: Target, method: String, uri: String) -> GatewayReply {
    if case .wrongMethod(let allowed) = target {
      return .json(
        status: 405,
        body: GatewayError(
          status: 405, type: "invalid_request_error", code: "method_not_allowed",
          message: "\(method) is not allowed on \(uri): use \(allowed)"
        ).body, headers: [("allow", allowed)])
    }
    return .json(
      status: 404,
      body: GatewayError(
        status: 404, type: "invalid_request_error", code: "not_found", message: "no such endpoint: \(method) \(uri)"
      ).body, headers: [])
  }
}
