import AIResources
import KubeCore

/// Judges an application's objectives from the gateway's counts: per target of
/// `spec.monitoring`, the burn rate over each window of `BurnRate.windows` and over the budget
/// window, the budget left, the current value and the alert the multi-window rules raise; then the
/// `SLOBreached` verdict. Pure: the counts come through `window`.
///
/// - `errorRatePercent`: bad requests are those the gateway answered with 5xx or 429 (a client
///   refused by a rate limit was not served either); the objective is 1 − percent / 100.
/// - `latencyP99Millis`: bad requests are those slower than the target (read from the
///   request-duration histogram, interpolated inside the bucket); the objective is 0.99.
///
/// A window longer than the history is judged over the history there is, and says `Partial`.
struct SLOEvaluation {
  /// The objectives.
  var monitoring: AIApplication.Spec.Monitoring
  /// The counts of the application's keys between `now − seconds` and now.
  var window: (_ seconds: Int64) -> SignalHistory.Window?
  /// Selects the application's keys.
  var matching: (SignalKey) -> Bool

  /// `SLOBreached`: its status, reason and message.
  struct Verdict: Sendable, Hashable {
    var status: Condition.Status
    var reason: String
    var message: String
  }

  /// The budget window in seconds (`spec.monitoring.window`, default 30 days).
  var budgetSeconds: Int64 {
    DurationText.seconds(monitoring.window ?? AIApplication.Spec.Monitoring.defaultWindow) ?? 30 * 86_400
  }

  /// The status and the verdict.
  func evaluate() -> (AIApplication.Status.SLO, Verdict) {
    let budget = window(budgetSeconds)
    var targets: [AIApplication.Status.Target] = []
    if let millis = monitoring.latencyP99Millis {
      targets.append(target("latencyP99Millis", objective: 0.99) { Self.slow($0, than: Double(millis) / 1000) })
    }
    if let percent = monitoring.errorRatePercent {
      targets.append(
        target("errorRatePercent", objective: 1 - percent / 100) { ($0.serverErrors + $0.rateLimited, $0.requests) })
    }
    let slo = AIApplication.Status.SLO(
      window: DurationText.text(seconds: budgetSeconds),
      observed: DurationText.text(seconds: Self.coarse(min(budget?.span ?? 0, budgetSeconds * 1000) / 1000)),
      targets: targets)
    return (slo, Self.verdict(targets))
  }

  /// Requests above `seconds` and all requests, from the duration histogram.
  static func slow(_ counts: SignalCounts, than seconds: Double) -> (Double, Double) {
    guard let (fraction, total) = HistogramFraction.above(seconds, in: counts.duration) else { return (0, 0) }
    return (fraction * total, total)
  }

  private func target(
    _ name: String, objective: Double, bad: (SignalCounts) -> (bad: Double, total: Double)
  ) -> AIApplication.Status.Target {
    var rates: [String: Double] = [:]
    var burnRates: [AIApplication.Status.BurnRate] = []
    var current: Double?
    for (label, seconds) in BurnRate.windows {
      let counted = window(seconds)
      let totals = counted.map { bad($0.total(matching)) }
      let rate = totals.flatMap { BurnRate.rate(bad: $0.bad, total: $0.total, objective: objective) }
      rates[label] = rate
      let data: AIApplication.Status.BurnRate.Data =
        rate == nil ? .none : counted?.partial == true ? .partial : .full
      burnRates.append(
        .init(window: label, rate: rate.map { Self.rounded($0) }, data: data, requests: totals.map { Int64($0.total) }))
      if current == nil, let counts = counted?.total(matching), let value = currentValue(name, counts) {
        current = value
      }
    }
    let budgetCounts = window(budgetSeconds).map { bad($0.total(matching)) }
    let budgetRate = budgetCounts.flatMap { BurnRate.rate(bad: $0.bad, total: $0.total, objective: objective) }
    return AIApplication.Status.Target(
      name: name, objective: objective, current: current,
      errorBudgetRemaining: BurnRate.budgetRemaining(windowRate: budgetRate).map { Self.rounded($0, places: 4) },
      burnRates: burnRates, alert: BurnRate.firing(rates)?.alert ?? AIApplication.Status.Target.Alert.none)
  }

  /// The p99 latency in milliseconds or the error rate in percent; nil without requests.
  private func currentValue(_ name: String, _ counts: SignalCounts) -> Double? {
    guard counts.requests > 0 || counts.duration[.infinity] ?? 0 > 0 else { return nil }
    if name == "latencyP99Millis" {
      return HistogramFraction.quantile(0.99, of: counts.duration).map { Self.rounded($0 * 1000, places: 1) }
    }
    guard counts.requests > 0 else { return nil }
    return Self.rounded((counts.serverErrors + counts.rateLimited) / counts.requests * 100)
  }

  /// Breached when a target's rule fires (the page rule named first), not when none does.
  static func verdict(_ targets: [AIApplication.Status.Target]) -> Verdict {
    let burning = targets.filter { ($0.alert ?? .none) != .none }.sorted {
      ($0.alert == .page ? 0 : 1) < ($1.alert == .page ? 0 : 1)
    }
    guard !burning.isEmpty else {
      let measured = targets.contains { $0.burnRates?.contains { $0.rate != nil } ?? false }
      return measured
        ? Verdict(status: .isFalse, reason: "WithinBudget", message: "no burn-rate rule fires")
        : Verdict(status: .unknown, reason: "NoTraffic", message: "no request measured yet in any window")
    }
    let messages = burning.map(describe)
    let reason = burning.first?.alert == .page ? "FastBurn" : "SlowBurn"
    return Verdict(status: .isTrue, reason: reason, message: messages.joined(separator: "; "))
  }

  private static func describe(_ target: AIApplication.Status.Target) -> String {
    guard let rule = BurnRate.rules.first(where: { $0.alert == target.alert }) else { return target.name }
    let rate = { (window: String) in target.burnRates?.first { $0.window == window }?.rate.map { "\($0)×" } ?? "?" }
    let budget = target.errorBudgetRemaining.map { ", \(rounded($0 * 100, places: 1))% of the budget left" } ?? ""
    return "\(target.name) burns its budget at \(rate(rule.long)) over \(rule.long) and \(rate(rule.short)) over "
      + "\(rule.short), above \(rule.factor)× (\(rule.alert.rawValue.lowercased()))\(budget)"
  }

  /// `seconds` rounded down to whole minutes below an hour, hours below a day, days beyond: the
  /// history grows at every scrape, and the status should not be rewritten for that alone.
  static func coarse(_ seconds: Int64) -> Int64 {
    let unit: Int64 = seconds < 3_600 ? 60 : seconds < 86_400 ? 3_600 : 86_400
    return seconds / unit * unit
  }

  /// Rounded to `places` decimals, so that a status write follows a real change, not noise.
  static func rounded(_ value: Double, places: Int = 2) -> Double {
    guard value.isFinite else { return value }
    var scale = 1.0
    for _ in 0..<places { scale *= 10 }
    return (value * scale).rounded() / scale
  }
}
