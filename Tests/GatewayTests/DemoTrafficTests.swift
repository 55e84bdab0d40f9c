import ClusterTestSupport
import Logging
import Synchronization
import Testing

@testable import Gateway

/// The demo's traffic loop on a manual clock, against transports that answer, refuse or hang:
/// it sends on schedule, backs off while the gateway is down, never holds more than its limit in
/// flight, and stops when cancelled.
@Suite(.timeLimit(.minutes(1))) struct DemoTrafficTests {
  /// A gateway stand-in: answers 200, fails like a refused connection while `failing` says so,
  /// or hangs until cancelled.
  final class FakeGateway: DemoTransport {
    enum Behaviour { case answer, refuse, hang }
    struct Refused: Error {}
    let behaviour: Mutex<Behaviour>
    let sent = Mutex<[DemoRequest]>([])

    init(_ behaviour: Behaviour) { self.behaviour = Mutex(behaviour) }

    var count: Int { sent.withLock { $0.count } }

    func send(_ request: DemoRequest) async throws -> Int {
      sent.withLock { $0.append(request) }
      switch behaviour.withLock({ $0 }) {
      case .answer: return 200
      case .refuse: throw Refused()
      case .hang:
        try await Task.sleep(for: .seconds(3600))
        return 200
      }
    }
  }

  let quiet = Logger(label: "demo-test") { _ in SwiftLogNoOpLogHandler() }

  /// Runs the traffic on a manual clock for `seconds` of its time, in 100 ms steps.
  func drive(_ gateway: FakeGateway, seconds: Int, maxInFlight: Int = 64, during: (Int) -> Void = { _ in })
    async throws
  {
    let clock = ManualClock()
    let traffic = DemoTraffic(
      transport: gateway, clock: clock, maxInFlight: maxInFlight, logger: quiet)
    let task = Task { await traffic.run(random: SeededRandom(seed: 1)) }
    for tick in 0..<(seconds * 10) {
      during(tick)
      clock.advance(by: .milliseconds(100))
      try await Task.sleep(for: .milliseconds(2))
    }
    task.cancel()
    await task.value
  }

  @Test func sendsAboutTheScheduledTraffic() async throws {
    let gateway = FakeGateway(.answer)
    try await drive(gateway, seconds: 30)
    // 30 s near 5 req/s, plus the burst of 30 at 20 s.
    #expect(gateway.count >= 120 && gateway.count <= 260, "\(gateway.count) requests")
    #expect(gateway.sent.withLock { $0.map(\.requestID) }.prefix(2) == ["demo-1", "demo-2"])
  }

  @Test func backsOffWhileTheGatewayIsDownAndResumes() async throws {
    let gateway = FakeGateway(.refuse)
    var countWhileDown = 0
    try await drive(gateway, seconds: 90) { tick in
      if tick == 600 {
        countWhileDown = gateway.count
        gateway.behaviour.withLock { $0 = .answer }
      }
    }
    // Backing off 0.5, 1, 2, 4 … 30 s: about eight tries in the first minute, not 300.
    #expect(countWhileDown <= 15, "\(countWhileDown) tries in a minute while down")
    // The next probe (within 30 s) finds it up, and the schedule carries on without a catch-up burst.
    #expect(gateway.count - countWhileDown >= 20, "\(gateway.count - countWhileDown) after recovery")
  }

  @Test func holdsNoMoreThanItsLimitInFlight() async throws {
    let gateway = FakeGateway(.hang)
    try await drive(gateway, seconds: 30, maxInFlight: 5)
    #expect(gateway.count == 5)
  }

  @Test func stopsPromptlyWhenCancelledWithRequestsInFlight() async throws {
    let gateway = FakeGateway(.hang)
    let traffic = DemoTraffic(transport: gateway, clock: ContinuousClock(), logger: quiet)
    let task = Task { await traffic.run(random: SeededRandom(seed: 2)) }
    while gateway.count < 3 { try await Task.sleep(for: .milliseconds(10)) }
    let start = ContinuousClock.now
    task.cancel()
    await task.value
    // Generous: a loaded CI machine takes a while to unwind; a transport that ignored cancellation
    // would hang here for good.
    #expect(ContinuousClock.now - start < .seconds(10))
  }
}
