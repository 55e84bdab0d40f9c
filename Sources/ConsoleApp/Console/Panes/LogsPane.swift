import Views

/// The logs pane: the selection's instance pods and the controller and gateway, live, with the
/// level filter and follow state in the title.
struct LogsPane {
  let state: ConsoleState

  func render(into buffer: inout ScreenBuffer, area: Rect, theme: Theme) {
    let logs = state.logs
    let sources = state.followedSources.map(\.pod).sorted()
    let title =
      "Logs · \(sources.isEmpty ? "no sources" : sources.prefix(4).joined(separator: ", "))"
      + (sources.count > 4 ? " +\(sources.count - 4)" : "")
    let trailing = "level \(logs.levelLabel) · \(logs.view.follow ? "following" : "paused")"
    let inner = Block(title: title, trailingTitle: trailing, focused: state.focus == .logs).render(
      into: &buffer, area: area, theme: theme)
    if logs.view.entries.isEmpty {
      let text = sources.isEmpty ? "select an object with instances to follow its pods" : "waiting for log lines…"
      _ = buffer.put(text, x: inner.x + 1, y: inner.y, maxWidth: inner.width - 1, style: theme[.muted])
      return
    }
    LogView().render(into: &buffer, area: inner, state: logs.view, theme: theme)
  }
}
