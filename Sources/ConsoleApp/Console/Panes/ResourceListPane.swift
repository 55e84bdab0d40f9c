import Views

/// The resource list: a bordered table titled with what is listed (a kind, or all AI kinds), the
/// namespace and filter, and the row count.
struct ResourceListPane {
  let state: ConsoleState

  func render(into buffer: inout ScreenBuffer, area: Rect, theme: Theme) {
    let focused = state.focus == .list
    let inner = Block(title: title, trailingTitle: count, focused: focused).render(
      into: &buffer, area: area, theme: theme)
    Table(columns: state.columns.columns, focused: focused, emptyMessage: emptyMessage)
      .render(into: &buffer, area: inner, state: state.table, theme: theme)
  }

  var title: String {
    let what: String
    switch state.listing {
    case .allKinds: what = "AI resources"
    case .kind(let resource): what = "\(resource.kind) (\(resource.shortNames.first ?? resource.name))"
    }
    let labels = state.labelSelector == nil ? "" : " · -l \(state.labelFilter)"
    let path = state.trail.compactMap { $0.selection.map { "\($0.kind)/\($0.name) › " } }.joined()
    return "\(path)\(what) · \(state.namespace ?? "all namespaces")\(labels)"
  }

  var count: String {
    state.table.filter.isEmpty
      ? "[\(state.table.count)]" : "[\(state.table.count)/\(state.table.rows.count)] /\(state.table.filter)"
  }

  var emptyMessage: String {
    if state.store.kinds.isEmpty { return "discovering AI kinds…" }
    if case .kind(let resource) = state.listing, state.store.states[resource] != .synced { return "loading…" }
    return "no objects"
  }
}
