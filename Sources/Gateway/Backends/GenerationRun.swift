import Synchronization

/// One simulated generation as its stream pulls it: each call sleeps until the next token is due
/// and returns it, so no task runs on its own and a client that stops reading stops the work.
/// However the generation ends (complete, cancelled, or the stream dropped unread) the ticket is
/// ended once and the request reported once.
final class GenerationRun: Sendable {
  /// What the run needs to know about its request.
  struct Context: Sendable {
    var request: InferenceRequest
    var instance: ServingInstance
    var promptTokens: Int
    var tokens: [String]
    var timing: GenerationTiming
    var start: ContinuousClock.Instant
  }

  private struct State: Sendable {
    var next = 0
    var firstTokenAt: ContinuousClock.Instant?
    var finished = false
  }

  /// nginx's status for a request the client gave up on, so instance logs tell it from a failure.
  static let clientClosedRequest = 499

  let context: Context
  let load: InstanceLoad
  let ticket: InstanceLoad.Ticket
  let report: @Sendable (ServedRequest) -> Void
  private let state = Mutex(State())

  init(
    context: Context, load: InstanceLoad, ticket: InstanceLoad.Ticket,
    report: @escaping @Sendable (ServedRequest) -> Void
  ) {
    self.context = context
    self.load = load
    self.ticket = ticket
    self.report = report
  }

  /// The next token once it is due; nil after the last.
  func next() async throws -> String? {
    let index = state.withLock { $0.next }
    guard index < context.tokens.count else {
      await finish(status: 200, error: nil)
      return nil
    }
    do {
      try Task.checkCancellation()
      let due = context.start + context.timing.due(index)
      if due > .now { try await Task.sleep(until: due, clock: .continuous) }
    } catch {
      await finish(status: Self.clientClosedRequest, error: "client closed the request")
      throw error
    }
    state.withLock { state in
      state.next = index + 1
      if index == 0 { state.firstTokenAt = .now }
    }
    return context.tokens[index]
  }

  private func finish(status: Int, error: String?) async {
    let snapshot = state.withLock { state in
      defer { state.finished = true }
      return state
    }
    guard !snapshot.finished else { return }
    await load.end(ticket, generatedTokens: snapshot.next)
    let now = ContinuousClock.now
    report(
      ServedRequest(
        requestID: context.request.requestID, model: context.instance.modelName,
        namespace: context.instance.namespace, pod: context.instance.pod, promptTokens: context.promptTokens,
        completionTokens: snapshot.next, latency: now - context.start,
        timeToFirstToken: snapshot.firstTokenAt.map { $0 - context.start }, status: status, error: error))
  }

  deinit {
    let snapshot = state.withLock { $0 }
    if !snapshot.finished { load.drop(ticket, generatedTokens: snapshot.next) }
  }
}
