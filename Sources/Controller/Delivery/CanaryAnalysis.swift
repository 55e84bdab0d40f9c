import AIResources
import ClusterClient
import Foundation
import KubeCore

/// Progressive delivery as a pure decision: from the analysis spec, the status the last decision
/// left and the two pools' figures since the step began, what to do now. A new canary (or one
/// whose last analysis ended) starts at step 1; a failed check aborts at once; a step whose time
/// is up moves to the next step when every check passed and the canary served `minRequests`,
/// or promotes after the last; a step that ends with too few canary requests aborts (a canary
/// that never becomes Ready serves none).
struct CanaryAnalysis {
  typealias Status = InferenceService.Status.AnalysisStatus
  typealias Spec = InferenceService.Spec.Canary.Analysis

  var analysis: Spec
  /// The canary's ModelDeployment.
  var canaryModel: String
  /// `spec.canary.trafficPercent` as it is.
  var trafficPercent: Int
  /// `status.canary.analysis` as the last decision left it.
  var current: Status?
  /// Milliseconds since the epoch.
  var now: Int64

  /// The edit a decision asks for.
  enum Action: Sendable, Hashable {
    case none
    /// Set `spec.canary.trafficPercent`.
    case setTraffic(Int)
    /// Make the canary's model the stable one and remove the canary.
    case promote
    /// Remove the canary; `reason` and `message` go into `CanaryAborted`.
    case abort(reason: String, message: String)
  }

  /// What to do, the status to show, and when to look again (nil: not until something changes).
  struct Decision: Sendable, Hashable {
    var status: Status
    var action: Action
    var recheckMillis: Int64?
  }

  /// Whether `current` describes a running analysis of this canary.
  var isRunning: Bool {
    current?.canaryModel == canaryModel && current?.phase == .progressing && current?.stepStartTime != nil
  }

  /// The decision, given the pools' figures since the current step began (nil: no metrics).
  func decide(canary: PoolFigures?, stable: PoolFigures?) -> Decision {
    guard isRunning, let current, let started = current.stepStartTime.flatMap(Timestamps.parse) else {
      return enter(step: 1, reason: nil)
    }
    let step = min(max(current.step ?? 1, 1), analysis.steps.count)
    let spec = analysis.steps[step - 1]
    let elapsed = now - Int64((started.timeIntervalSince1970 * 1000).rounded())
    let length = (DurationText.seconds(spec.duration) ?? 0) * 1000
    let checks = CanaryChecks.evaluate(
      analysis, canary: canary ?? PoolFigures(requests: 0), stable: stable ?? PoolFigures(requests: 0))
    var status = current
    status.step = step
    status.steps = analysis.steps.count
    status.checks = checks
    status.canaryRequests = canary?.requests ?? 0
    status.stableRequests = stable?.requests ?? 0
    let position = "step \(step)/\(analysis.steps.count) at \(spec.trafficPercent)%"
    if let failed = checks.first(where: { $0.passed == false }) {
      return abort(status, failed, position)
    }
    guard elapsed >= length else {
      status.message =
        "\(position): \(canary?.requests ?? 0) canary and \(stable?.requests ?? 0) stable requests so far"
      return Decision(status: status, action: .none, recheckMillis: length - elapsed)
    }
    if let short = checks.first(where: { $0.name == "minRequests" && $0.passed != true }) {
      return abort(status, short, position)
    }
    guard step < analysis.steps.count else {
      status.phase = .promoted
      status.message = "\(position) passed, the last: promoted \(canaryModel)"
      return Decision(status: status, action: .promote, recheckMillis: nil)
    }
    return enter(step: step + 1, reason: "\(position) passed")
  }

  private func enter(step: Int, reason: String?) -> Decision {
    let spec = analysis.steps[step - 1]
    let status = Status(
      canaryModel: canaryModel, step: step, steps: analysis.steps.count,
      stepStartTime: LogTimestamp(Date(timeIntervalSince1970: Double(now) / 1000)).rfc3339Milliseconds,
      phase: .progressing,
      message: [
        reason, "step \(step)/\(analysis.steps.count): \(spec.trafficPercent)% of the traffic for \(spec.duration)",
      ]
      .compactMap { $0 }.joined(separator: "; "),
      canaryRequests: 0, stableRequests: 0, checks: nil)
    let action: Action = spec.trafficPercent == trafficPercent ? .none : .setTraffic(spec.trafficPercent)
    return Decision(status: status, action: action, recheckMillis: (DurationText.seconds(spec.duration) ?? 0) * 1000)
  }

  private func abort(_ status: Status, _ failed: Status.Check, _ position: String) -> Decision {
    var status = status
    status.phase = .aborted
    let message = "\(position): \(CanaryChecks.describe(failed, analysis)); canary \(canaryModel) removed"
    status.message = message
    return Decision(
      status: status, action: .abort(reason: Self.reason(failed.name), message: message), recheckMillis: nil)
  }

  /// The `CanaryAborted` reason for a failed check.
  static func reason(_ check: String) -> String {
    switch check {
    case "maxErrorRate": "ErrorRateExceeded"
    case "maxLatencyP99": "LatencyExceeded"
    case "maxTimeToFirstToken": "TimeToFirstTokenExceeded"
    default: "TooFewRequests"
    }
  }
}
