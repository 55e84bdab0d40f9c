import Views

extension ConsoleScreen {
  func renderDetail(into buffer: inout ScreenBuffer, area: Rect, theme: Theme) {
    let title = state.detail?.title ?? "Detail"
    let inner = Block(title: title, focused: state.focus == .detail).render(into: &buffer, area: area, theme: theme)
    guard let model = state.detail else {
      _ = buffer.put("select an object", x: inner.x + 1, y: inner.y, maxWidth: inner.width - 1, style: theme[.muted])
      return
    }
    DetailPane(model: model).render(into: &buffer, area: inner, scroll: state.detailScroll, theme: theme)
  }

  func renderMetrics(into buffer: inout ScreenBuffer, area: Rect, theme: Theme) {
    let inner = Block(title: "Metrics", focused: state.focus == .metrics).render(
      into: &buffer, area: area, theme: theme)
    MetricsPane().render(
      into: &buffer, area: inner, board: state.metrics, highlight: ConsoleReducer.metricsHighlight(state), theme: theme)
  }

  func renderText(
    _ view: ConsoleState.TextView, scroll: DetailScroll, into buffer: inout ScreenBuffer, area: Rect, theme: Theme
  ) {
    let what = if case .yaml = view { "YAML" } else { "Describe" }
    let title = state.detail.map { "\(what) · \($0.title)" } ?? what
    let inner = Block(title: title, trailingTitle: "esc closes", focused: true).render(
      into: &buffer, area: area, theme: theme)
    switch view {
    case .yaml(let view): view.render(into: &buffer, area: inner, scroll: scroll, theme: theme)
    case .describe(let view): view.render(into: &buffer, area: inner, scroll: scroll, theme: theme)
    }
  }
}
