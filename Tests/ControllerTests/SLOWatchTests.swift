import AIResources
import ClusterTestSupport
import Hummingbird
import KubeCore
import Synchronization
import Testing

@testable import Controller

/// The SLO watch wakes an application up only when its measure differs from its status, so that
/// steady figures write nothing; read from a real Prometheus text endpoint the test plays.
@Suite struct SLOWatchTests {
  /// Milliseconds the test moves by hand.
  final class TestClock: Sendable {
    let millis = Mutex<Int64>(1_800_000_000_000)
    func advance(_ by: Int64) { millis.withLock { $0 += by } }
    var now: Int64 { millis.withLock { $0 } }
  }

  static func exposition(requests: Int, errors: Int) -> String {
    """
    # TYPE aiconsole_gateway_requests_total counter
    aiconsole_gateway_requests_total{route="default/chat",model="chat",code="200",service_namespace="default",inference_service="chat",pool="stable",model_deployment="v1"} \(requests - errors)
    aiconsole_gateway_requests_total{route="default/chat",model="chat",code="503",service_namespace="default",inference_service="chat",pool="stable",model_deployment="v1"} \(errors)

    """
  }

  @Test("steady figures wake nothing; a change wakes the application once its status shows it")
  func wakesOnChange() async throws {
    let exposition = AutoscalingTests.Exposition()
    let router = Router()
    router.get("metrics") { _, _ in await exposition.text }
    let (port, server) = await LoopbackHTTPServer.start(router)
    defer { server.cancel() }
    let clock = TestClock()
    let signals = GatewaySignals(endpoints: ["http://127.0.0.1:\(port)/metrics"], now: { clock.now })
    let judge = SLOJudge(signals: signals)
    var application = AIApplication(
      metadata: ObjectMeta(name: "shop", namespace: "default"),
      spec: .init(routes: [.init(name: "chat")], monitoring: .init(errorRatePercent: 1)))
    await exposition.set(Self.exposition(requests: 100, errors: 0))
    await signals.refresh()
    clock.advance(15_000)
    await exposition.set(Self.exposition(requests: 200, errors: 1))
    await signals.refresh()
    #expect(await SLOWatch.changed(application, backends: [], judge: judge), "a status without the measure")

    // The status now shows the measure: 1 bad of 100 at a 1% objective burns at 1×.
    let (slo, verdict) = await judge.judge(application, backends: [])
    var status = AIApplication.Status(health: .healthy)
    SLOWatch.apply(slo, verdict, generation: 1, now: "2026-01-01T00:00:00Z", to: &status)
    application.status = status
    #expect(slo?.targets?.first?.burnRates?.first?.rate == 1)
    #expect(status.conditions?.first?.reason == "WithinBudget" && status.health == .healthy)

    // No new request: nothing to write, scrape after scrape (within the minute `observed` shows).
    for _ in 0..<3 {
      clock.advance(5_000)
      await signals.refresh()
      #expect(await SLOWatch.changed(application, backends: [], judge: judge) == false)
    }

    // Failures: the measure changes, the watch wakes the application, the health drops.
    clock.advance(15_000)
    await exposition.set(Self.exposition(requests: 300, errors: 101))
    await signals.refresh()
    #expect(await SLOWatch.changed(application, backends: [], judge: judge))
    let (burning, breached) = await judge.judge(application, backends: [])
    SLOWatch.apply(burning, breached, generation: 1, now: "2026-01-01T00:01:00Z", to: &status)
    #expect(breached?.reason == "FastBurn" && status.health == .degraded)
  }
}
