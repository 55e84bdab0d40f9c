import AIResources
import Foundation
import KubeCore

/// One request through the gateway, start to end: read it, find its route, check the key, the
/// rate limits and the context, answer from the cache or pick a backend, a pool (stable or
/// canary) and the least busy Ready instance, generate, and record what happened.
public struct RequestHandler: Sendable {
  /// Bodies above this are refused with 413.
  public static let bodyLimit = 1 << 20
  static let defaultTimeout = 30

  let view: ClusterView
  let backend: any InstanceBackend
  /// How many requests an instance is serving now (the least busy gets the next).
  let busy: @Sendable (ServingInstance) async -> Int
  /// Called once per request when it is over.
  let record: @Sendable (AccessRecord) async -> Void
  let limiter = RateLimiter()
  let cache = ResponseCache()
  let upstream = HTTPUpstream()

  public init(
    view: ClusterView, backend: any InstanceBackend, busy: @escaping @Sendable (ServingInstance) async -> Int,
    record: @escaping @Sendable (AccessRecord) async -> Void
  ) {
    self.view = view
    self.backend = backend
    self.busy = busy
    self.record = record
  }

  /// What a request is, once admitted.
  struct Admitted: Sendable {
    var snapshot: RoutingSnapshot
    var request: OpenAIRequest
    var route: AIModelRoute
    var routeName: String
    var client: String
    var start: ContinuousClock.Instant
  }

  func handle(
    _ endpoint: InferenceRequest.Endpoint, authorization: String?, requestID: String?, body: [UInt8]
  ) async -> GatewayReply {
    let start = ContinuousClock.now
    let requestID = requestID.flatMap { $0.isEmpty ? nil : String($0.prefix(128)) } ?? Self.mintID()
    var failure = AccessRecord(
      requestID: requestID, route: "", model: "", endpoint: endpoint.rawValue, status: 0, promptTokens: 0,
      completionTokens: 0, duration: .zero, cacheHit: false)
    do {
      let admitted = try await admit(
        endpoint, authorization: authorization, requestID: requestID, body: body, start: start, record: &failure)
      return try await serve(admitted)
    } catch let error as GatewayError {
      failure.status = error.status
      failure.reason = error.code
      failure.limit = error.limit
      failure.duration = ContinuousClock.now - start
      await record(failure)
      return .error(error, requestID: requestID)
    } catch {
      let wrapped = GatewayError(status: 500, type: "server_error", code: "internal", message: "\(error)")
      failure.status = 500
      failure.reason = wrapped.code
      await record(failure)
      return .error(wrapped, requestID: requestID)
    }
  }

  private func admit(
    _ endpoint: InferenceRequest.Endpoint, authorization: String?, requestID: String, body: [UInt8],
    start: ContinuousClock.Instant, record failure: inout AccessRecord
  ) async throws -> Admitted {
    guard body.count <= Self.bodyLimit else { throw GatewayError.tooLarge(limit: Self.bodyLimit) }
    let request = try OpenAIRequest(endpoint: endpoint, body: body, requestID: requestID)
    failure.model = request.inference.model
    let snapshot = await view.snapshot()
    guard let route = RouteSelection.route(for: request.inference.model, path: endpoint.rawValue, in: snapshot.routes)
    else { throw GatewayError.modelNotFound(request.inference.model) }
    let namespace = route.metadata.namespace ?? "default"
    let routeName = "\(namespace)/\(route.metadata.name ?? "")"
    failure.route = routeName
    let client = try authenticate(route, authorization: authorization, namespace: namespace, snapshot)
    if let limits = route.spec.rateLimit {
      do {
        try await limiter.admit(route: routeName, client: client, limits: limits)
      } catch {
        throw GatewayError.rateLimited(route: routeName, limit: error.limit.rawValue, retryAfter: error.retryAfter)
      }
    }
    try checkContext(request.context, route: route, namespace: namespace, snapshot)
    return Admitted(
      snapshot: snapshot, request: request, route: route, routeName: routeName, client: client, start: start)
  }

  /// The client the rate limits count: a fingerprint of its key, or everyone for open routes.
  private func authenticate(
    _ route: AIModelRoute, authorization: String?, namespace: String, _ snapshot: RoutingSnapshot
  ) throws -> String {
    guard route.spec.auth?.type == .apiKey else { return "anonymous" }
    guard let key = APIKeys.bearer(authorization), let secretName = route.spec.auth?.secretRef?.name,
      let keys = snapshot.keys[RoutingSnapshot.key(namespace, secretName)], APIKeys.matches(key, any: keys)
    else { throw GatewayError.unauthorized }
    return "key-" + String(Self.fingerprint(key), radix: 16)
  }

  private func checkContext(
    _ context: JSONValue?, route: AIModelRoute, namespace: String, _ snapshot: RoutingSnapshot
  ) throws {
    guard let schemaName = route.spec.contextSchemaRef?.name else { return }
    guard let schema = snapshot.schemas[RoutingSnapshot.key(namespace, schemaName)] else {
      throw GatewayError.unavailable("the route's ModelContextSchema \"\(schemaName)\" does not exist")
    }
    let problems = ContextValidator(schema: schema.spec).problems(in: context)
    guard problems.isEmpty else {
      throw GatewayError.badRequest(
        "the context does not match ModelContextSchema \(schemaName): " + problems.joined(separator: "; "),
        code: "invalid_context")
    }
  }

  static func mintID() -> String { UUID().uuidString.lowercased() }

  /// FNV-1a of a key: enough to tell clients apart in the limiter without keeping the key.
  static func fingerprint(_ key: String) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in key.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    return hash
  }
}
