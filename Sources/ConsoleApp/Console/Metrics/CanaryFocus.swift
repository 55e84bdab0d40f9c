import AIResources
import Foundation
import KubeCore
import Views

/// The InferenceService whose pools the metrics pane compares: the ModelDeployment each pool
/// runs and where its canary analysis stands. Made from the selected object, so the pane draws
/// it from the board alone; its verdict reads the board's clock, not the wall clock.
struct CanaryFocus: Hashable, Sendable {
  /// The service's namespace.
  var namespace: String
  /// The service's name.
  var service: String
  /// The stable pool's ModelDeployment (`spec.modelRef`).
  var stableDeployment: String
  /// The canary pool's ModelDeployment (`spec.canary.modelRef`, or the one the last analysis
  /// judged once the canary is gone).
  var canaryDeployment: String
  /// The canary's share of requests in percent; nil when no canary is left.
  var trafficPercent: Int?
  /// The analysis asked for (`spec.canary.analysis`); nil for a canary moved by hand.
  var analysisSpec: InferenceService.Spec.Canary.Analysis?
  /// Where the analysis stands (`status.canary.analysis`).
  var analysis: InferenceService.Status.AnalysisStatus?
  /// The `CanaryAborted` condition's message while it is True.
  var abortMessage: String?

  /// The focus of an InferenceService with a canary, or with the verdict of one; nil otherwise
  /// (or when the object does not read as an InferenceService).
  init?(_ object: JSONValue) {
    guard let typed = try? JSONValueDecoder().decode(InferenceService.self, from: object) else { return nil }
    let analysis = typed.status?.canary?.analysis
    guard let canaryDeployment = typed.spec.canary?.modelRef.name ?? analysis?.canaryModel else { return nil }
    namespace = typed.metadata.namespace ?? ""
    service = typed.metadata.name ?? ""
    stableDeployment = typed.spec.modelRef.name
    self.canaryDeployment = canaryDeployment
    trafficPercent = typed.spec.canary.map { $0.trafficPercent ?? 0 }
    analysisSpec = typed.spec.canary?.analysis
    self.analysis = analysis
    abortMessage = typed.status?.conditions?.first { $0.type == "CanaryAborted" && $0.status == .isTrue }?.message
  }

  /// The line above the table: the step, its share and time left, and the verdict so far, in
  /// the role it is drawn in.
  func verdict(nowMilliseconds: Int64) -> (text: String, role: ThemeRole) {
    let name = "canary \(namespace)/\(service)"
    switch analysis?.phase {
    case .aborted?:
      return ("\(name) · aborted · \(analysis?.message ?? abortMessage ?? "no reason given")", .statusError)
    case .promoted?:
      return ("\(name) · promoted \(analysis?.canaryModel ?? canaryDeployment)", .statusOK)
    case .progressing?:
      if let analysis, analysisSpec != nil { return progress(analysis, name: name, now: nowMilliseconds) }
    case nil: break
    }
    guard let trafficPercent else { return ("\(name) · no canary", .muted) }
    guard analysisSpec != nil else { return ("\(name) · \(trafficPercent)% · no analysis, moved by hand", .text) }
    return ("\(name) · \(trafficPercent)% · analysis starting", .statusWarn)
  }

  private func progress(
    _ analysis: InferenceService.Status.AnalysisStatus, name: String, now: Int64
  ) -> (text: String, role: ThemeRole) {
    let steps = analysisSpec?.steps ?? []
    let index = (analysis.step ?? 1) - 1
    let step = steps.indices.contains(index) ? steps[index] : nil
    var parts = ["\(name) · step \(analysis.step ?? 1)/\(analysis.steps ?? steps.count)"]
    parts.append("\(step?.trafficPercent ?? trafficPercent ?? 0)%")
    if let left = Self.millisecondsLeft(step: step, startedAt: analysis.stepStartTime, now: now) {
      parts.append(left > 0 ? "\(Self.duration(milliseconds: left)) left" : "step ending")
    }
    let checks = analysis.checks ?? []
    if let failed = checks.first(where: { $0.passed == false }) {
      parts.append("failing \(failed.name)")
      return (parts.joined(separator: " · "), .statusError)
    }
    if !checks.isEmpty, checks.allSatisfy({ $0.passed == true }) {
      parts.append("passing")
      return (parts.joined(separator: " · "), .statusOK)
    }
    let needed = analysisSpec?.minRequests ?? InferenceService.Spec.Canary.Analysis.defaultMinRequests
    parts.append("gathering (\(analysis.canaryRequests ?? 0)/\(needed) canary requests)")
    return (parts.joined(separator: " · "), .statusWarn)
  }

  /// What is left of `step` begun at `startedAt`, by `now`; nil when either is unknown.
  static func millisecondsLeft(step: InferenceService.Spec.Canary.Analysis.Step?, startedAt: String?, now: Int64)
    -> Int64?
  {
    guard let step, let seconds = DurationText.seconds(step.duration), let startedAt,
      let start = Timestamps.parse(startedAt)
    else { return nil }
    return Int64((start.timeIntervalSince1970 * 1000).rounded()) + seconds * 1000 - now
  }

  /// `1m12s`, `45s`, `2h3m`: the two largest units, rounded up to the second so a step never
  /// reads `0s left` while it runs.
  static func duration(milliseconds: Int64) -> String {
    let seconds = (milliseconds + 999) / 1000
    switch seconds {
    case ..<60: return "\(seconds)s"
    case ..<3600: return seconds % 60 == 0 ? "\(seconds / 60)m" : "\(seconds / 60)m\(seconds % 60)s"
    default: return (seconds % 3600) / 60 == 0 ? "\(seconds / 3600)h" : "\(seconds / 3600)h\((seconds % 3600) / 60)m"
    }
  }
}
