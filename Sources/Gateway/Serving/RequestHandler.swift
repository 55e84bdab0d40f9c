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
  /// How many requests a simulated instance is serving now (the least busy gets the next).
  let busy: @Sendable (ServingInstance) -> Int
  /// Called once per request when it is over.
  let record: @Sendable (AccessRecord) -> Void
  let limiter = RateLimiter()
  let cache = ResponseCache()
  /// Requests proxied to each real instance now.
  let proxied = InFlightCount()

  public init(
    view: ClusterView, backend: any InstanceBackend, busy: @escaping @Sendable (ServingInstance) -> Int,
    record: @escaping @Sendable (AccessRecord) -> Void
  ) {
    self.view = view
    self.backend = backend
    self.busy = busy
    self.record = record
  }

  /// What a request is, once admitted.
  struct Admitted: Sendable {
    var request: OpenAIRequest
    /// The body as the client sent it, which a proxied request forwards unchanged.
    var body: [UInt8]
    /// The route, as the routing snapshot worked it out.
    var plan: RoutePlan
    var client: String
    var start: ContinuousClock.Instant
    /// The pool routing picked, once it has.
    var pool = ServingPool.none
    /// That pool's metric handles.
    var series: MetricsSlot?

    var route: AIModelRoute { plan.route }
    /// `namespace/name`.
    var routeName: String { plan.name }

    /// What the access log and metrics record of this request, as of now.
    func record(status: Int, instance: ServingInstance?, prompt: Int = 0, completion: Int = 0) -> AccessRecord {
      var record = AccessRecord(
        requestID: request.requestID, route: plan.name, model: request.model, endpoint: request.endpoint.rawValue,
        status: status, instance: instance?.pod, promptTokens: prompt, completionTokens: completion,
        duration: ContinuousClock.now - start, cacheHit: false, pool: pool)
      record.series = series
      return record
    }
  }

  /// Where a request goes, decided at once: most refusals and cache hits are answered here.
  enum Routing: Sendable {
    case reply(GatewayReply)
    /// To a real instance's server over HTTP.
    case proxy(Admitted, ServingInstance, timeout: Int)
    /// To a simulated instance, which generates in process.
    case generate(Admitted, ServingInstance, cacheKey: ResponseCache.Key?)
  }

  /// Reads, admits and routes a request against `snapshot`, without waiting on anything.
  func route(
    _ endpoint: InferenceRequest.Endpoint, authorization: String?, requestID: String?, body: [UInt8],
    snapshot: RoutingSnapshot
  ) -> Routing {
    let start = ContinuousClock.now
    let requestID = requestID.flatMap { $0.isEmpty ? nil : String($0.prefix(128)) } ?? Self.mintID()
    var failure = AccessRecord(
      requestID: requestID, route: "", model: "", endpoint: endpoint.rawValue, status: 0, promptTokens: 0,
      completionTokens: 0, duration: .zero, cacheHit: false)
    do {
      var admitted = try admit(
        endpoint, authorization: authorization, requestID: requestID, body: body, snapshot: snapshot, start: start,
        record: &failure)
      let request = admitted.request
      let cacheKey =
        admitted.route.spec.cache?.enabled == true
        ? ResponseCache.Key(
          route: admitted.routeName, endpoint: request.endpoint.rawValue, model: request.model, prompt: request.prompt,
          maxTokens: request.maxTokens) : nil
      if let cacheKey, let entry = cache.lookup(cacheKey) { return .reply(reply(fromCache: entry, admitted)) }
      let (instance, series) = try pickInstance(for: admitted.plan, pool: &failure.pool)
      admitted.pool = failure.pool
      admitted.series = series
      guard instance.kind == .http else { return .generate(admitted, instance, cacheKey: cacheKey) }
      return .proxy(admitted, instance, timeout: admitted.route.spec.timeoutSeconds ?? Self.defaultTimeout)
    } catch {
      return .reply(fail(error, failure, start: start))
    }
  }

  /// Records a request that failed and answers with why.
  func fail(_ error: any Error, _ record: AccessRecord, start: ContinuousClock.Instant) -> GatewayReply {
    let refusal =
      error as? GatewayError
      ?? GatewayError(status: 500, type: "server_error", code: "internal", message: "\(error)")
    var record = record
    record.status = refusal.status
    record.reason = refusal.code
    record.limit = refusal.limit
    record.duration = ContinuousClock.now - start
    self.record(record)
    return .error(refusal, requestID: record.requestID)
  }

  /// Records an admitted request that failed and answers with why.
  func fail(_ error: any Error, _ admitted: Admitted, instance: ServingInstance? = nil) -> GatewayReply {
    fail(error, admitted.record(status: 0, instance: instance), start: admitted.start)
  }

  private func admit(
    _ endpoint: InferenceRequest.Endpoint, authorization: String?, requestID: String, body: [UInt8],
    snapshot: RoutingSnapshot, start: ContinuousClock.Instant, record failure: inout AccessRecord
  ) throws -> Admitted {
    guard body.count <= Self.bodyLimit else { throw GatewayError.tooLarge(limit: Self.bodyLimit) }
    let request = try OpenAIRequest(endpoint: endpoint, body: body, requestID: requestID)
    failure.model = request.model
    guard let plan = snapshot.plan(for: request.model, path: endpoint.rawValue) else {
      throw GatewayError.modelNotFound(request.model)
    }
    let (route, namespace, routeName) = (plan.route, plan.namespace, plan.name)
    failure.route = routeName
    let client = try authenticate(route, authorization: authorization, namespace: namespace, snapshot)
    if let limits = route.spec.rateLimit {
      do {
        try limiter.admit(route: routeName, client: client, limits: limits)
      } catch {
        throw GatewayError.rateLimited(route: routeName, limit: error.limit.rawValue, retryAfter: error.retryAfter)
      }
    }
    try checkContext(request, route: route, namespace: namespace, snapshot)
    return Admitted(request: request, body: body, plan: plan, client: client, start: start)
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
    _ request: OpenAIRequest, route: AIModelRoute, namespace: String, _ snapshot: RoutingSnapshot
  ) throws {
    guard let schemaName = route.spec.contextSchemaRef?.name else { return }
    guard let schema = snapshot.schemas[RoutingSnapshot.key(namespace, schemaName)] else {
      throw GatewayError.unavailable("the route's ModelContextSchema \"\(schemaName)\" does not exist")
    }
    // The context is decoded only here, for routes that check it.
    let problems = ContextValidator(schema: schema.spec).problems(in: request.context)
    guard problems.isEmpty else {
      throw GatewayError.badRequest(
        "the context does not match ModelContextSchema \(schemaName): " + problems.joined(separator: "; "),
        code: "invalid_context")
    }
  }

  /// Routing draws and minted request IDs.
  static let random = RequestRandom()

  static func mintID() -> String { random.uuid() }

  /// FNV-1a of a key: enough to tell clients apart in the limiter without keeping the key.
  static func fingerprint(_ key: String) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in key.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    return hash
  }
}
