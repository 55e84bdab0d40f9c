import Views

extension ConsoleScreen {
  func renderDetail(into buffer: inout ScreenBuffer, area: Rect, theme: Theme) {
    let title = state.selection.map { "\($0.resource.kind) \(ResourceStore.key($0.object))" } ?? "Detail"
    _ = Block(title: title, focused: state.focus == .detail).render(into: &buffer, area: area, theme: theme)
  }

  func renderMetrics(into buffer: inout ScreenBuffer, area: Rect, theme: Theme) {
    _ = Block(title: "Metrics", focused: state.focus == .metrics).render(into: &buffer, area: area, theme: theme)
  }

  func renderText(into buffer: inout ScreenBuffer, area: Rect, theme: Theme) {
    _ = Block(title: state.mode == .yaml ? "YAML" : "Describe", focused: true).render(
      into: &buffer, area: area, theme: theme)
  }
}
