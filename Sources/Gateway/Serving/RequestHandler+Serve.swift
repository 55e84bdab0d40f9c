import AIResources
import Foundation
import KubeCore

extension RequestHandler {
  /// Answers an admitted request from a simulated instance, whole or as a stream.
  func generate(_ admitted: Admitted, on instance: ServingInstance, cacheKey: ResponseCache.Key?) async
    -> GatewayReply
  {
    do {
      return try await serveGenerated(admitted, on: instance, cacheKey: cacheKey)
    } catch {
      return fail(error, admitted, instance: instance)
    }
  }

  private func serveGenerated(_ admitted: Admitted, on instance: ServingInstance, cacheKey: ResponseCache.Key?)
    async throws -> GatewayReply
  {
    let request = admitted.request.inference
    let timeout = admitted.route.spec.timeoutSeconds ?? Self.defaultTimeout
    let generation = try await generate(request, on: instance)
    if request.stream {
      return stream(generation, admitted, instance: instance, timeout: timeout, cacheKey: cacheKey)
    }
    let (text, count, firstToken) = try await collect(generation, timeout: timeout, start: admitted.start)
    let finish = count >= request.maxTokens ? "length" : "stop"
    finished(admitted, instance: instance, prompt: generation.promptTokens, completion: count, firstToken: firstToken)
    if let cacheKey { store(cacheKey, text, generation.promptTokens, count, finish, admitted.route) }
    let body = response(admitted).complete(
      text: text, finishReason: finish, promptTokens: generation.promptTokens, completionTokens: count)
    return .json(status: 200, body: body, headers: [("x-request-id", request.requestID), Self.backendHeader(instance)])
  }

  /// Which instance answered, as Envoy's `x-envoy-upstream-host` tells it: for operators and tests.
  static func backendHeader(_ instance: ServingInstance) -> (String, String) {
    ("x-aiconsole-backend", "\(instance.namespace)/\(instance.pod)")
  }

  func response(_ admitted: Admitted) -> OpenAIResponse {
    OpenAIResponse(
      endpoint: admitted.request.endpoint, requestID: admitted.request.requestID,
      model: admitted.request.model)
  }

  private func generate(_ request: InferenceRequest, on instance: ServingInstance) async throws -> Generation {
    do {
      return try await backend.generate(request, on: instance)
    } catch let error as GenerationError {
      throw GatewayError(
        status: error.status, type: "server_error", code: "instance_failed",
        message: "instance \(instance.pod): \(error.message)")
    }
  }

  /// The least busy Ready instance of the pool the route's weights (and the service's canary)
  /// pick, with that pool's metric handles; `pool` says which pool, as far as the choice got
  /// before it failed.
  func pickInstance(for plan: RoutePlan, pool: inout ServingPool) throws -> (ServingInstance, MetricsSlot) {
    let route = plan.route
    guard plan.totalWeight > 0, let backend = plan.backend(at: Self.random.below(plan.totalWeight)) else {
      throw GatewayError.unavailable("route \(route.metadata.name ?? "") has no backend with weight above 0")
    }
    pool = ServingPool(namespace: plan.namespace, service: backend.service)
    guard let pools = backend.pools else {
      throw GatewayError.unavailable(
        "InferenceService \"\(backend.service)\" of route \(route.metadata.name ?? "") does not exist")
    }
    var chosen = pools.stable
    if RouteSelection.role(of: pools.service, draw: Self.random.below(100)) == .canary, let canary = pools.canary,
      !canary.instances.isEmpty  // an unready canary leaves the request to the stable pool
    {
      chosen = canary
    }
    pool = chosen.labels
    let candidates = chosen.instances
    guard !candidates.isEmpty else {
      throw GatewayError.unavailable(
        "InferenceService \"\(backend.service)\" (model \(route.spec.model)) has no Ready instance")
    }
    return (leastBusy(candidates), chosen.series)
  }

  /// The least busy of `candidates` (not empty), ties drawn at random.
  private func leastBusy(_ candidates: [ServingInstance]) -> ServingInstance {
    // One instance is the choice whatever its load: no counts read, no list built.
    if candidates.count == 1 { return candidates[0] }
    var best: [ServingInstance] = []
    var lowest = Int.max
    for candidate in candidates {
      let load = candidate.kind == .http ? proxied.count(candidate.pod) : busy(candidate)
      if load < lowest {
        lowest = load
        best = [candidate]
      } else if load == lowest {
        best.append(candidate)
      }
    }
    return best.count == 1 ? best[0] : best[Self.random.below(best.count)]
  }

  /// The whole completion, within the route's timeout.
  private func collect(_ generation: Generation, timeout: Int, start: ContinuousClock.Instant) async throws -> (
    String, Int, Duration?
  ) {
    try await withThrowingTaskGroup(of: (String, Int, Duration?)?.self) { group in
      group.addTask {
        var text = ""
        var count = 0
        var firstToken: Duration?
        for try await token in generation.tokens {
          if firstToken == nil { firstToken = ContinuousClock.now - start }
          text += token
          count += 1
        }
        return (text, count, firstToken)
      }
      group.addTask {
        try await Task.sleep(for: .seconds(timeout))
        return nil
      }
      let first = try await group.next() ?? nil
      group.cancelAll()
      guard let first else { throw GatewayError.timeout(seconds: timeout) }
      return first
    }
  }

  func finished(
    _ admitted: Admitted, instance: ServingInstance?, prompt: Int, completion: Int, firstToken: Duration?,
    cacheHit: Bool = false, status: Int = 200
  ) {
    if let limits = admitted.route.spec.rateLimit, limits.tokensPerMinute != nil {
      limiter.charge(
        route: admitted.routeName, client: admitted.client, limits: limits, tokens: prompt + completion)
    }
    var record = admitted.record(status: status, instance: instance, prompt: prompt, completion: completion)
    record.timeToFirstToken = firstToken
    record.cacheHit = cacheHit
    self.record(record)
  }

  func store(
    _ key: ResponseCache.Key, _ text: String, _ prompt: Int, _ completion: Int, _ finish: String, _ route: AIModelRoute
  ) {
    let ttl = route.spec.cache?.ttlSeconds ?? 300
    cache.store(
      .init(
        text: text, promptTokens: prompt, completionTokens: completion, finishReason: finish,
        expires: .now + .seconds(ttl)), for: key)
  }
}
