import Views

/// The header's SLO words: the applications burning their error budget first, the worst named
/// with its burn rate and the budget left, then how many are within their objectives. Written in
/// several lengths, longest first, so the header says as much as its width allows.
struct SLOHeadline: Hashable, Sendable {
  /// The applications that burn, worst first.
  var burning: [SLOReport]
  /// How many applications with measured objectives burn nothing.
  var healthy: Int

  /// The headline of `reports` (as `SLOReport.all` orders them); nil when no application has a
  /// measured objective.
  init?(_ reports: [SLOReport]) {
    guard !reports.isEmpty else { return nil }
    burning = reports.filter(\.burning)
    healthy = reports.count - burning.count
  }

  /// The role it is drawn in: a page is an error, a ticket or a breach a warning.
  var role: ThemeRole {
    if burning.contains(where: { $0.targets.first?.alert == .page }) { return .statusError }
    return burning.isEmpty ? .statusOK : .statusWarn
  }

  /// The longest wording no wider than `width`, if one fits.
  func text(fitting width: Int) -> String? {
    variants.first { DisplayWidth.of($0) <= width }
  }

  /// The wordings, longest first: `SLO 1 burning: demo/support-desk errorRate 14.2× · budget 63% · 2 ok`
  /// down to `SLO 1 burning`; `SLO 3 ok` when nothing burns.
  var variants: [String] {
    guard let worst = burning.first else { return ["SLO \(healthy) ok", "SLO ok"] }
    let head = "SLO \(burning.count) burning"
    let more = burning.count > 1 ? ", +\(burning.count - 1) more" : ""
    let ok = healthy > 0 ? " · \(healthy) ok" : ""
    let target = worst.targets.first { $0.burning } ?? worst.targets[0]
    let rate = target.headlineRate.map { " " + SLOReport.rate($0) } ?? ""
    let budget = target.budget.map { " · budget " + SLOReport.budget($0) } ?? ""
    let name = worst.application.split(separator: "/").last.map(String.init) ?? worst.application
    let full = "\(head): \(worst.application) \(target.shortName)\(rate)\(budget)"
    return [
      full + more + ok, full + more, "\(head): \(name)\(rate)\(budget)\(more)", "\(head): \(name)\(rate)", head,
    ]
  }
}
