import Views

/// The SLO section of an AIApplication's detail.
extension DetailPane {
  /// The alerting windows, in the order the controller writes them.
  static let burnWindows = ["5m", "30m", "1h", "6h", "3d"]

  /// One row per objective, burning first: its alert, the value now, the budget left, the burn
  /// rate over each window (`*` where the history covers only part of it) and the objective.
  var sloBlocks: [DetailBlock] {
    guard let report = model.slo else { return [] }
    let burning = report.targets.filter(\.burning).count
    let heading = DetailBlock.heading(
      burning > 0 ? "SLO · \(burning) burning" : report.breached ? "SLO · breached" : "SLO")
    let columns =
      [
        TableColumn("TARGET", width: .fit(minimum: 6, maximum: 12)),
        TableColumn("ALERT", width: .fit(minimum: 5, maximum: 6)),
        TableColumn("NOW", width: .fit(minimum: 3, maximum: 9), alignment: .right),
        TableColumn("BUDGET", width: .fit(minimum: 6, maximum: 6), alignment: .right),
      ]
      + Self.burnWindows.map { TableColumn($0.uppercased(), width: .fit(minimum: 3, maximum: 7), alignment: .right) }
      + [TableColumn("OBJECTIVE", width: .flex(weight: 1, minimum: 9))]
    let rows = report.targets.map { target in
      let rates = Self.burnWindows.map { window in Self.rateCell(target.rates.first { $0.window == window }) }
      let role: ThemeRole? =
        switch target.alert {
        case .page: .statusError
        case .ticket: .statusWarn
        case .none: target.budget.map { $0 < 0 ? ThemeRole.statusWarn : .statusOK }
        }
      return TableRow(
        id: target.field,
        cells: [
          target.shortName, target.alert.rawValue, target.current ?? "-", target.budget.map(SLOReport.budget) ?? "-",
        ] + rates + [target.objective],
        role: role)
    }
    let partial = report.targets.contains { $0.rates.contains { $0.data == .partial } }
    let note = DetailBlock.note("* partial: the metrics cover only part of the window", .muted)
    return [heading, .table(columns, rows)] + (partial ? [note] : [])
  }

  /// `14.2×`, `14.2×*` over part of the window, `-` without requests.
  static func rateCell(_ rate: SLOReport.BurnRate?) -> String {
    guard let rate, let value = rate.rate else { return "-" }
    return SLOReport.rate(value) + (rate.data == .partial ? "*" : "")
  }
}
