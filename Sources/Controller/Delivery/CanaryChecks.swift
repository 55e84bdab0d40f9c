import AIResources

/// The checks of one step: each threshold of `spec.canary.analysis.thresholds` applied to the two
/// pools' figures, and the canary's request count against `minRequests`. Pure.
///
/// A `Relative` limit is the ratio times the stable pool's figure (so with a stable pool that
/// has no errors, a relative error-rate limit allows none); an `Absolute` one is the value itself.
/// A check passes or fails only once the canary has served `minRequests` (before that, and when a
/// figure is missing on either side, it has no verdict).
enum CanaryChecks {
  typealias Check = InferenceService.Status.AnalysisStatus.Check
  typealias Threshold = InferenceService.Spec.Canary.Analysis.Threshold

  /// The checks in a fixed order: `minRequests`, then each threshold that is set.
  static func evaluate(
    _ analysis: InferenceService.Spec.Canary.Analysis, canary: PoolFigures, stable: PoolFigures
  ) -> [Check] {
    let minimum = analysis.minRequests ?? InferenceService.Spec.Canary.Analysis.defaultMinRequests
    let enough = canary.requests >= Int64(minimum)
    var checks = [
      Check(
        name: "minRequests", canary: Double(canary.requests), stable: Double(stable.requests),
        limit: Double(minimum), passed: enough ? true : nil)
    ]
    let thresholds = analysis.thresholds
    let figures: [(String, Threshold?, KeyPath<PoolFigures, Double?>)] = [
      ("maxErrorRate", thresholds?.maxErrorRate, \.errorRatePercent),
      ("maxLatencyP99", thresholds?.maxLatencyP99, \.latencyP99Millis),
      ("maxTimeToFirstToken", thresholds?.maxTimeToFirstToken, \.timeToFirstTokenP99Millis),
    ]
    for (name, threshold, figure) in figures {
      guard let threshold else { continue }
      checks.append(check(name, threshold, canary: canary[keyPath: figure], stable: stable[keyPath: figure], enough))
    }
    return checks
  }

  private static func check(_ name: String, _ threshold: Threshold, canary: Double?, stable: Double?, _ enough: Bool)
    -> Check
  {
    let limit: Double? =
      switch threshold.mode {
      case .absolute: threshold.value
      case .relative: stable.map { $0 * threshold.value }
      }
    let passed: Bool? = enough ? zip(canary, limit).map { $0 <= $1 } : nil
    return Check(
      name: name, canary: canary.map { SLOEvaluation.rounded($0) }, stable: stable.map { SLOEvaluation.rounded($0) },
      limit: limit.map { SLOEvaluation.rounded($0) }, passed: passed)
  }

  /// A failed check in words: `maxLatencyP99: canary 812.5 ms, stable 80.1 ms, limit 120.2 ms (Relative 1.5×)`.
  static func describe(_ check: Check, _ analysis: InferenceService.Spec.Canary.Analysis) -> String {
    let unit = check.name == "maxErrorRate" ? "%" : check.name == "minRequests" ? " requests" : " ms"
    let text = { (value: Double?) in value.map { "\(SLOEvaluation.rounded($0))\(unit)" } ?? "no data" }
    if check.name == "minRequests" {
      return "minRequests: canary served \(text(check.canary)), fewer than \(text(check.limit)) "
        + "(stable served \(text(check.stable)))"
    }
    let threshold = [
      "maxErrorRate": analysis.thresholds?.maxErrorRate, "maxLatencyP99": analysis.thresholds?.maxLatencyP99,
      "maxTimeToFirstToken": analysis.thresholds?.maxTimeToFirstToken,
    ][check.name].flatMap { $0 }
    let how = threshold.map { $0.mode == .relative ? " (Relative \($0.value)× stable)" : " (Absolute)" } ?? ""
    return "\(check.name): canary \(text(check.canary)), stable \(text(check.stable)), limit \(text(check.limit))\(how)"
  }
}

/// Pairs two optionals.
private func zip<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
  guard let a, let b else { return nil }
  return (a, b)
}
