import AIResources
import ClusterClient
import Foundation
import Testing

@testable import Controller

/// The analysis' decisions as a pure state machine: start, wait, advance, promote, abort.
@Suite struct CanaryAnalysisTests {
  typealias Analysis = InferenceService.Spec.Canary.Analysis

  static let spec = Analysis(
    steps: [.init(trafficPercent: 10, duration: "30s"), .init(trafficPercent: 50, duration: "1m")],
    thresholds: .init(
      maxErrorRate: .init(mode: .absolute, value: 5), maxLatencyP99: .init(mode: .relative, value: 1.5),
      maxTimeToFirstToken: .init(mode: .absolute, value: 800)),
    minRequests: 20)
  static let start: Int64 = 1_800_000_000_000
  static let healthy = PoolFigures(
    requests: 40, errorRatePercent: 0, latencyP99Millis: 110, timeToFirstTokenP99Millis: 90)
  static let stable = PoolFigures(
    requests: 400, errorRatePercent: 0.5, latencyP99Millis: 100, timeToFirstTokenP99Millis: 80)

  static func running(step: Int, since: Int64 = start) -> InferenceService.Status.AnalysisStatus {
    .init(
      canaryModel: "v2", step: step, steps: 2,
      stepStartTime: LogTimestamp(Date(timeIntervalSince1970: Double(since) / 1000)).rfc3339Milliseconds,
      phase: .progressing)
  }

  static func decide(
    _ current: InferenceService.Status.AnalysisStatus?, at now: Int64, canary: PoolFigures?,
    stable: PoolFigures? = stable, traffic: Int = 10
  ) -> CanaryAnalysis.Decision {
    CanaryAnalysis(analysis: spec, canaryModel: "v2", trafficPercent: traffic, current: current, now: now)
      .decide(canary: canary, stable: stable)
  }

  @Test("a new canary starts at step 1, setting its traffic to the step's share")
  func starts() {
    let decision = Self.decide(nil, at: Self.start, canary: nil, traffic: 25)
    #expect(decision.action == .setTraffic(10))
    #expect(decision.status.step == 1 && decision.status.phase == .progressing && decision.status.canaryModel == "v2")
    #expect(decision.recheckMillis == 30_000)
    #expect(Self.decide(nil, at: Self.start, canary: nil, traffic: 10).action == .none)
  }

  @Test("an analysis of another canary, or one that ended, starts over")
  func startsOver() {
    var other = Self.running(step: 2)
    other.canaryModel = "v1"
    #expect(Self.decide(other, at: Self.start + 1_000, canary: Self.healthy).status.step == 1)
    var ended = Self.running(step: 2)
    ended.phase = .aborted
    #expect(Self.decide(ended, at: Self.start + 1_000, canary: Self.healthy, traffic: 0).action == .setTraffic(10))
  }

  @Test("within the step, a healthy canary waits for the step's end")
  func waits() {
    let decision = Self.decide(Self.running(step: 1), at: Self.start + 10_000, canary: Self.healthy)
    #expect(decision.action == .none && decision.recheckMillis == 20_000)
    #expect(decision.status.checks?.allSatisfy { $0.passed == true } == true)
    #expect(decision.status.canaryRequests == 40 && decision.status.stableRequests == 400)
  }

  @Test("too few canary requests give no verdict until the step ends, then abort")
  func tooFew() {
    let few = PoolFigures(requests: 3, errorRatePercent: 100)
    let early = Self.decide(Self.running(step: 1), at: Self.start + 10_000, canary: few)
    #expect(early.action == .none)
    #expect(early.status.checks?.first { $0.name == "maxErrorRate" }?.passed == nil)
    let late = Self.decide(Self.running(step: 1), at: Self.start + 30_000, canary: PoolFigures(requests: 0))
    guard case .abort(let reason, let message) = late.action else {
      Issue.record("expected an abort, got \(late.action)")
      return
    }
    #expect(reason == "TooFewRequests")
    #expect(
      message.contains(
        "minRequests: canary served 0.0 requests, fewer than 20.0 requests (stable served 400.0 requests)"))
    #expect(late.status.phase == .aborted)
  }

  @Test("a failed check aborts at once, naming both pools' figures")
  func abortsAtOnce() {
    let failing = PoolFigures(requests: 25, errorRatePercent: 40, latencyP99Millis: 100, timeToFirstTokenP99Millis: 50)
    let decision = Self.decide(Self.running(step: 1), at: Self.start + 5_000, canary: failing)
    #expect(
      decision.action
        == .abort(
          reason: "ErrorRateExceeded",
          message: "step 1/2 at 10%: maxErrorRate: canary 40.0%, stable 0.5%, limit 5.0% (Absolute); canary v2 removed")
    )
  }

  @Test("a relative latency limit is the ratio times the stable pool's p99")
  func relative() {
    let slow = PoolFigures(requests: 25, errorRatePercent: 0, latencyP99Millis: 900, timeToFirstTokenP99Millis: 50)
    let decision = Self.decide(Self.running(step: 1), at: Self.start + 5_000, canary: slow)
    guard case .abort(let reason, let message) = decision.action else {
      Issue.record("expected an abort, got \(decision.action)")
      return
    }
    #expect(reason == "LatencyExceeded")
    #expect(message.contains("maxLatencyP99: canary 900.0 ms, stable 100.0 ms, limit 150.0 ms (Relative 1.5× stable)"))
  }

  @Test("a passed step moves to the next; the last promotes")
  func advancesAndPromotes() {
    let next = Self.decide(Self.running(step: 1), at: Self.start + 30_000, canary: Self.healthy)
    #expect(next.action == .setTraffic(50))
    #expect(next.status.step == 2 && next.status.message?.hasPrefix("step 1/2 at 10% passed") == true)
    #expect(
      next.status.stepStartTime
        == LogTimestamp(Date(timeIntervalSince1970: Double(Self.start + 30_000) / 1000)).rfc3339Milliseconds)
    let done = Self.decide(Self.running(step: 2), at: Self.start + 60_000, canary: Self.healthy, traffic: 50)
    #expect(done.action == .promote && done.status.phase == .promoted && done.recheckMillis == nil)
  }

  @Test("without metrics a step cannot pass: it ends with too few requests")
  func noMetrics() {
    let decision = Self.decide(Self.running(step: 1), at: Self.start + 31_000, canary: nil, stable: nil)
    if case .abort(let reason, _) = decision.action {
      #expect(reason == "TooFewRequests")
    } else {
      Issue.record("expected an abort")
    }
  }
}
