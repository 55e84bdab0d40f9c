import Logging

/// Drives the demo's requests through the gateway: the schedule says when, the mix says what,
/// each request runs in its own child task (at most `maxInFlight` at once; more are dropped, not
/// queued), and while the gateway does not answer the loop sends a single probe per backoff
/// period instead of its schedule. Stops as soon as its task is cancelled, cancelling the
/// requests in flight. Time and randomness come in, so tests run it on a manual clock.
public struct DemoTraffic<C: Clock>: Sendable where C.Duration == Duration {
  let transport: any DemoTransport
  let shape: DemoTrafficShape
  let mix: DemoRequestMix
  let clock: C
  let state: DemoGatewayState

  public init(
    transport: any DemoTransport, shape: DemoTrafficShape = .standard, mix: DemoRequestMix = .standard, clock: C,
    maxInFlight: Int = 64, initialBackoff: Duration = .milliseconds(500), maxBackoff: Duration = .seconds(30),
    logger: Logger
  ) {
    self.transport = transport
    self.shape = shape
    self.mix = mix
    self.clock = clock
    state = DemoGatewayState(
      maxInFlight: maxInFlight, initialBackoff: initialBackoff, maxBackoff: maxBackoff, logger: logger)
  }

  /// Sends requests until cancelled, numbering their IDs with `numbers`.
  public func run(random: some RandomNumberGenerator, numbers: DemoRequestNumbers = DemoRequestNumbers()) async {
    var random = random
    var numbers = numbers
    var schedule = DemoSchedule(shape: shape)
    let start = clock.now
    await withDiscardingTaskGroup { group in
      while !Task.isCancelled {
        if let pause = await state.backoff() {
          guard (try? await clock.sleep(for: pause)) != nil else { return }
          if await state.reserve() { await attempt(mix.request(number: numbers.take(), using: &random)) }
          schedule.skip(to: start.duration(to: clock.now))
          continue
        }
        let step = schedule.next(using: &random)
        guard (try? await clock.sleep(until: start.advanced(by: step.at), tolerance: nil)) != nil else { return }
        for _ in 0..<step.count where await state.reserve() {
          let request = mix.request(number: numbers.take(), using: &random)
          group.addTask { await attempt(request) }
        }
      }
    }
  }

  /// Sends one request that holds a slot, and gives the slot back.
  private func attempt(_ request: DemoRequest) async {
    do {
      _ = try await transport.send(request)
      await state.finished(reachable: true)
    } catch {
      await state.finished(reachable: Task.isCancelled ? nil : false, error: "\(error)")
    }
  }
}
