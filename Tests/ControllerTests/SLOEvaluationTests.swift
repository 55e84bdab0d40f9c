import AIResources
import Testing

@testable import Controller

/// An application's objectives judged on hand-computed series: 70 minutes of history, one point a
/// minute, 100 requests a minute through the application's route, and `bad` of them failing in
/// each of the last 10 minutes.
@Suite struct SLOEvaluationTests {
  static let route = SignalKey(route: "shop/chat", namespace: "shop", service: "chat", pool: "stable")
  static let elsewhere = SignalKey(route: "shop/other", namespace: "shop", service: "other", pool: "stable")
  static let end: Int64 = 70 * 60_000

  /// The history, and a window function over it ending at minute 70.
  static func history(badPerMinute: Double, slowPerMinute: Double = 0) -> SignalHistory {
    var history = SignalHistory()
    var requests = 0.0
    var errors = 0.0
    var fast = 0.0
    for minute in 0...70 {
      if minute > 0 {
        requests += 100
        let failing = minute > 60 ? badPerMinute : 0
        errors += failing
        fast += 100 - (minute > 60 ? slowPerMinute : 0)
      }
      let latency: [Double: Double] = [0.5: fast, 1: requests, .infinity: requests]
      history.append(
        [
          route: SignalCounts(requests: requests, serverErrors: errors, duration: latency),
          // Another application's failures never count.
          elsewhere: SignalCounts(requests: requests, serverErrors: requests),
        ], at: Int64(minute) * 60_000)
    }
    return history
  }

  static func evaluate(
    _ history: SignalHistory, _ monitoring: AIApplication.Spec.Monitoring
  ) -> (AIApplication.Status.SLO, SLOEvaluation.Verdict) {
    SLOEvaluation(monitoring: monitoring, window: { history.window(from: end - $0 * 1000, to: end) }) {
      $0.route == "shop/chat"
    }.evaluate()
  }

  static func rates(_ target: AIApplication.Status.Target?) -> [String: Double] {
    (target?.burnRates ?? []).reduce(into: [:]) { $0[$1.window] = $1.rate }
  }

  @Test("an outage of the last 10 minutes pages: 100× over 5m, 16.67× over 1h")
  func page() throws {
    let (slo, verdict) = Self.evaluate(Self.history(badPerMinute: 100), .init(errorRatePercent: 1))
    let target = try #require(slo.targets?.first)
    #expect(target.name == "errorRatePercent" && target.objective == 0.99)
    // 5m: 500/500 bad; 30m: 1000/3000; 1h: 1000/6000; 6h and 3d over the 70 minutes there are: 1000/7000.
    #expect(Self.rates(target) == ["5m": 100, "30m": 33.33, "1h": 16.67, "6h": 14.29, "3d": 14.29])
    #expect(target.burnRates?.map(\.data) == [.full, .full, .full, .partial, .partial])
    #expect(target.burnRates?.map(\.requests) == [500, 3000, 6000, 7000, 7000])
    #expect(target.alert == .page)
    #expect(target.current == 100)  // the error rate over 5m, in percent
    #expect(target.errorBudgetRemaining == -13.2857)  // 1 − 1000/7000/0.01 over the 70 minutes of a 30d window
    #expect(slo.window == "30d" && slo.observed == "1h")
    #expect(verdict.status == .isTrue && verdict.reason == "FastBurn")
    #expect(verdict.message.hasPrefix("errorRatePercent burns its budget at 16.67× over 1h and 100.0× over 5m"))
  }

  @Test("half failing for 10 minutes tickets: 1h at 8.33× is below 14.4×, 6h at 7.14× and 30m at 16.67× above 6×")
  func ticket() throws {
    let (slo, verdict) = Self.evaluate(Self.history(badPerMinute: 50), .init(errorRatePercent: 1))
    let target = try #require(slo.targets?.first)
    #expect(Self.rates(target) == ["5m": 50, "30m": 16.67, "1h": 8.33, "6h": 7.14, "3d": 7.14])
    #expect(target.alert == .ticket)
    #expect(verdict.status == .isTrue && verdict.reason == "SlowBurn")
  }

  @Test("5 errors a minute for 10 minutes burns at 5× over 5m: no rule fires")
  func withinBudget() throws {
    let (slo, verdict) = Self.evaluate(Self.history(badPerMinute: 5), .init(errorRatePercent: 1))
    #expect(slo.targets?.first?.alert == AIApplication.Status.Target.Alert.none)
    #expect(Self.rates(slo.targets?.first)["5m"] == 5)
    #expect(verdict.status == .isFalse && verdict.reason == "WithinBudget")
  }

  @Test("latency: requests slower than the target are the bad ones, against a 99% objective")
  func latency() throws {
    // In the last 10 minutes 20 requests a minute take (0.5 s, 1 s]; a 750 ms target reads half
    // of them as slow: 10% over 5m, 10× the 1% allowed.
    let (slo, _) = Self.evaluate(Self.history(badPerMinute: 0, slowPerMinute: 20), .init(latencyP99Millis: 750))
    let target = try #require(slo.targets?.first)
    #expect(target.name == "latencyP99Millis" && target.objective == 0.99)
    #expect(Self.rates(target)["5m"] == 10)
    #expect(Self.rates(target)["1h"] == 1.67)  // 100 slow of 6000
    #expect(target.current == 975)  // p99 over 5m: inside (0.5 s, 1 s], 95% of the way
    #expect(target.alert == AIApplication.Status.Target.Alert.none)
  }

  @Test("a 7-day window counts the budget over the history there is")
  func window() throws {
    let (slo, _) = Self.evaluate(Self.history(badPerMinute: 1), .init(errorRatePercent: 1, window: "7d"))
    #expect(slo.window == "7d")
    // 10 bad of 7000 against 1% allowed: 0.1429 of the budget spent.
    #expect(slo.targets?.first?.errorBudgetRemaining == 0.8571)
  }

  @Test("no requests: no rates, no alert, and the verdict is Unknown")
  func noTraffic() {
    var history = SignalHistory()
    history.append([:], at: 0)
    history.append([:], at: Self.end)
    let (slo, verdict) = Self.evaluate(history, .init(latencyP99Millis: 500, errorRatePercent: 1))
    #expect(slo.targets?.count == 2)
    #expect(
      slo.targets?.allSatisfy {
        $0.burnRates?.allSatisfy { $0.rate == nil && $0.data == AIApplication.Status.BurnRate.Data.none } == true
      } == true)
    #expect(verdict.status == .unknown && verdict.reason == "NoTraffic")
  }

  @Test("the history's age is shown coarsely, so that it alone rewrites no status")
  func coarse() {
    #expect(SLOEvaluation.coarse(59) == 0)
    #expect(SLOEvaluation.coarse(3_599) == 3_540)
    #expect(SLOEvaluation.coarse(7_300) == 7_200)
    #expect(SLOEvaluation.coarse(3 * 86_400 + 500) == 3 * 86_400)
  }
}
