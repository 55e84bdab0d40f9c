import AIResources

/// The model server of a simulated instance, played in-process: a deterministic completion
/// (`CompletionText`) of at most `maxTokens` tokens, streamed at the pace `GenerationTiming`
/// sets from the instance's load in `InstanceLoad`, with the instance's failure mode:
///
/// * `slow`: ten times slower (in `GenerationTiming`);
/// * `oom`: a request fails with 503 "CUDA out of memory" when the context of the requests in
///   flight, its own included (prompt + completion tokens), exceeds `oomTokensPerGPU × gpus`:
///   long requests always fail, short ones fail under load;
/// * `crashloop`: never Ready, so the router sends nothing; a request that comes anyway fails with 503.
///
/// Every request, served or failed, is reported once to `onServed` (the gateway appends
/// `ServedRequest.logLine` to the Pod's log) and, when served, recorded in `metrics`.
public struct SimulatedBackend: InstanceBackend {
  public let load: InstanceLoad
  public let metrics: FleetMetrics?
  /// Multiplies every delay: 1 in production, 0 (no delay) or small in tests.
  public let timeScale: Double
  public let onServed: @Sendable (ServingInstance, ServedRequest) -> Void

  /// A backend that records into `load` and `metrics` and reports each request to `onServed`.
  public init(
    load: InstanceLoad, metrics: FleetMetrics? = nil, timeScale: Double = 1,
    onServed: @escaping @Sendable (ServingInstance, ServedRequest) -> Void = { _, _ in }
  ) {
    self.load = load
    self.metrics = metrics
    self.timeScale = timeScale
    self.onServed = onServed
  }

  /// Starts a generation, or throws `GenerationError` (503) when the failure mode refuses it.
  public func generate(_ request: InferenceRequest, on instance: ServingInstance) async throws -> Generation {
    let start = ContinuousClock.now
    let promptTokens = TokenCounter.count(request.prompt)
    let completion = CompletionText(model: request.model, prompt: request.prompt, maxTokens: request.maxTokens)
    if instance.simulation?.failureMode == .crashloop {
      throw refuse(request, on: instance, promptTokens: promptTokens, start: start, Self.notRunning(instance))
    }
    let begun = await load.begin(on: instance, promptTokens: promptTokens, completionTokens: completion.tokens.count)
    let context = begun.tokensAhead + promptTokens + completion.tokens.count
    if instance.simulation?.failureMode == .oom, context > load.profile.oomTokensPerGPU * max(1, instance.gpus) {
      await load.end(begun.ticket, generatedTokens: 0, failed: true)
      throw refuse(request, on: instance, promptTokens: promptTokens, start: start, Self.outOfMemory(context))
    }
    let run = GenerationRun(
      context: .init(
        request: request, instance: instance, promptTokens: promptTokens, tokens: completion.tokens,
        timing: GenerationTiming(instance: instance, ahead: begun.ahead, profile: load.profile, timeScale: timeScale),
        start: start),
      load: load, ticket: begun.ticket, report: { served in report(served, on: instance) })
    return Generation(promptTokens: promptTokens, tokens: AsyncThrowingStream { try await run.next() })
  }

  private func report(_ served: ServedRequest, on instance: ServingInstance) {
    if served.status == 200 { metrics?.record(served, on: instance) }
    onServed(instance, served)
  }

  private func refuse(
    _ request: InferenceRequest, on instance: ServingInstance, promptTokens: Int, start: ContinuousClock.Instant,
    _ error: GenerationError
  ) -> GenerationError {
    report(
      ServedRequest(
        requestID: request.requestID, model: instance.modelName, namespace: instance.namespace, pod: instance.pod,
        promptTokens: promptTokens, completionTokens: 0, latency: .now - start, timeToFirstToken: nil,
        status: error.status, error: error.message),
      on: instance)
    return error
  }

  static func notRunning(_ instance: ServingInstance) -> GenerationError {
    GenerationError(
      status: 503, message: "model server in pod \(instance.pod) is not running (CrashLoopBackOff)")
  }

  static func outOfMemory(_ tokens: Int) -> GenerationError {
    GenerationError(
      status: 503,
      message: "CUDA out of memory: tried to allocate the KV cache for \(tokens) tokens of context")
  }
}
