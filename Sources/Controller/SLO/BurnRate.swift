import AIResources

/// The arithmetic of error budgets, as the Google SRE workbook's "Alerting on SLOs" chapter sets
/// it out: a window's burn rate is the fraction of its requests that were bad over the fraction
/// the objective allows (1 spends the budget exactly over the SLO window), and an alert fires when
/// a long and a short window both burn fast, the short one making it stop soon after the burning
/// does.
enum BurnRate {
  /// The windows burn rates are reported for, shortest first.
  static let windows: [(name: String, seconds: Int64)] = [
    ("5m", 300), ("30m", 1_800), ("1h", 3_600), ("6h", 21_600), ("3d", 259_200),
  ]

  /// A multi-window rule: both windows above `factor`.
  struct Rule: Sendable, Hashable {
    var long: String
    var short: String
    var factor: Double
    var alert: AIApplication.Status.Target.Alert
  }

  /// Page: 2% of a 30-day budget in an hour (14.4×) over 1h and 5m; ticket: 5% in 6 hours (6×)
  /// over 6h and 30m. The page rule comes first: it is the more urgent.
  static let rules = [
    Rule(long: "1h", short: "5m", factor: 14.4, alert: .page),
    Rule(long: "6h", short: "30m", factor: 6, alert: .ticket),
  ]

  /// `bad / total` over `1 − objective`; nil without requests. An objective of 1 leaves no
  /// budget (admission refuses it): any bad request then burns at an infinite rate.
  static func rate(bad: Double, total: Double, objective: Double) -> Double? {
    guard total > 0 else { return nil }
    let allowed = 1 - objective
    guard allowed > 0 else { return bad > 0 ? .infinity : 0 }
    return (bad / total) / allowed
  }

  /// The first rule whose two windows both burn above its factor, if any.
  static func firing(_ rates: [String: Double]) -> Rule? {
    rules.first { rule in
      guard let long = rates[rule.long], let short = rates[rule.short] else { return false }
      return long > rule.factor && short > rule.factor
    }
  }

  /// The budget left of the window: 1 − the window's burn rate (what was spent, as a share of
  /// what the window allows); nil without requests.
  static func budgetRemaining(windowRate: Double?) -> Double? {
    windowRate.map { 1 - $0 }
  }
}
