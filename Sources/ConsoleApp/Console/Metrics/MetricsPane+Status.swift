import Views

extension MetricsPane {
  /// The status of one source in words: whom the pane waits for, what the source exposes, how
  /// stale it is and why.
  func statusLine(_ state: MetricsSourceState, board: MetricsBoard) -> (text: String, role: ThemeRole) {
    let url = state.resolvedURL ?? state.source.url
    guard let age = board.age(of: state) else {
      if let waiting = state.waiting { return ("waiting for metrics: \(waiting)", .muted) }
      if let error = state.error { return ("no metrics from \(url): \(error)", .statusError) }
      return ("waiting for metrics from \(url)", .muted)
    }
    let profiles = state.profiles.sorted().map(\.rawValue).joined(separator: " ")
    var text = "\(state.source.name) \(url) · \(profiles.isEmpty ? "no known metrics" : profiles)"
    let staleAfter = state.source.kind == .prometheus ? staleAfterSeconds * 3 : staleAfterSeconds
    if age >= staleAfter { text += " · stale \(age)s" }
    if let error = state.error ?? state.waiting { text += " · \(error)" }
    let role: ThemeRole =
      age >= staleAfter
      ? (state.error == nil ? .statusWarn : .statusError) : (state.error == nil ? .muted : .statusWarn)
    return (text, role)
  }

  /// The routes, models and GPU sections, the selection's rows first in each.
  func sections(board: MetricsBoard, highlight: MetricsHighlight, width: Int) -> [Section] {
    var sections: [Section] = []
    if let canary = highlight.canary { sections.append(canarySection(canary, board: board, width: width)) }
    let routes = board.routeRows
    if !routes.isEmpty {
      let columns = MetricsColumns(
        Self.routeColumns, longestName: routes.map(\.route.count).max() ?? 0, width: width - 2,
        longestText: routes.map { $0.models.joined(separator: ",").count }.max() ?? 0)
      let rows = Self.highlightedFirst(routes.map { ($0, highlight.contains($0)) })
      let lines = [Line.header("ROUTE")] + rows.map { Line.route($0.0, highlighted: $0.1) }
      sections.append(Section(lines: lines, columns: columns))
    }
    let models = board.modelRows
    if !models.isEmpty {
      let columns = MetricsColumns(
        Self.modelColumns, longestName: models.map(\.model.count).max() ?? 0, width: width - 2)
      let rows = Self.highlightedFirst(models.map { ($0, highlight.contains($0)) })
      let lines = [Line.header("MODEL")] + rows.map { Line.model($0.0, highlighted: $0.1) }
      sections.append(Section(lines: lines, columns: columns))
    }
    let groups = Self.highlightedFirst(board.gpuGroups.map { ($0, highlight.contains($0)) })
    if !groups.isEmpty {
      let lines = groups.flatMap { pair -> [Line] in
        [Line.node(pair.0, highlighted: pair.1)] + pair.0.gpus.map { Line.gpu($0, highlighted: highlight.contains($0)) }
      }
      sections.append(Section(lines: lines, columns: nil))
    }
    if sections.isEmpty {
      sections.append(
        Section(lines: [.note("no route, model or GPU metrics in what the sources expose")], columns: nil))
    }
    return sections
  }

  /// The highlighted items first, each part keeping its order.
  static func highlightedFirst<T>(_ items: [(T, Bool)]) -> [(T, Bool)] {
    items.filter(\.1) + items.filter { !$0.1 }
  }
}
