import Views

/// The logs pane: the selection's instance pods and the controller and gateway — or a selected
/// Pod's containers, current or previous run; or, in correlation mode, one ID's lines from every
/// pod — live, with the filter in the title and the level, search and pause state on the right.
struct LogsPane {
  let state: ConsoleState

  func render(into buffer: inout ScreenBuffer, area: Rect, theme: Theme) {
    let logs = state.logs
    let inner = Block(title: title, trailingTitle: trailing, focused: state.focus == .logs).render(
      into: &buffer, area: area, theme: theme)
    if logs.view.entries.isEmpty {
      _ = buffer.put(emptyText, x: inner.x + 1, y: inner.y, maxWidth: inner.width - 1, style: theme[.muted])
      return
    }
    LogView().render(into: &buffer, area: inner, state: logs.view, theme: theme)
  }

  /// `Logs · correlation ID · 12 pods`, or `Logs · filter … · the pods`.
  var title: String {
    let logs = state.logs
    let sources = state.followedSources.map(\.pod).sorted()
    let filter = logs.query.isEmpty ? [] : ["filter \(logs.query)"]
    if let id = logs.correlationID {
      return (["Logs", "correlation \(id)"] + filter + ["\(sources.count) pods"]).joined(separator: " · ")
    }
    if let (choice, pod) = ConsoleReducer.shownPodChoice(state) {
      return (["Logs"] + filter + [choice.pod, choice.label(of: pod)]).joined(separator: " · ")
    }
    let named =
      sources.isEmpty
      ? "no sources" : sources.prefix(4).joined(separator: ", ") + (sources.count > 4 ? " +\(sources.count - 4)" : "")
    return (["Logs"] + filter + [named]).joined(separator: " · ")
  }

  /// `level ≥warn · search "timeout" · paused (12 new)`.
  var trailing: String {
    let logs = state.logs
    var parts = ["level \(logs.levelLabel)"]
    if !logs.view.search.isEmpty { parts.append("search \"\(logs.view.search)\"") }
    if logs.isPaused {
      parts.append("paused (\(logs.buffer.pendingCount) new)")
    } else {
      parts.append(logs.view.follow ? "following" : "scrolled")
    }
    return parts.joined(separator: " · ")
  }

  private var emptyText: String {
    let logs = state.logs
    if let id = logs.correlationID {
      return "no line with correlation_id \(id) yet · following \(state.followedSources.count) pods · esc goes back"
    }
    if state.followedSources.isEmpty { return "select an object with instances to follow its pods" }
    if let (choice, _) = ConsoleReducer.shownPodChoice(state), choice.previous {
      return "waiting for the previous run's lines… · p on the Pod goes back to the current run"
    }
    if logs.buffer.count > 0, logs.filter != .all { return "no kept line passes the filter · esc clears it" }
    return "waiting for log lines…"
  }
}
