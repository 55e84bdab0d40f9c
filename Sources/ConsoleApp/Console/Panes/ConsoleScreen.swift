import Views

/// The whole screen as a pure function of the state: header, list, detail, metrics, logs and the
/// status bar, then whatever is on top (a YAML or describe view, the help overlay).
struct ConsoleScreen {
  let state: ConsoleState

  func render(into buffer: inout ScreenBuffer, area: Rect) {
    let theme = state.theme
    let layout = ConsoleLayout(state)
    HeaderPane(state).render(into: &buffer, area: layout.header, theme: theme)
    if case .text(let view, let scroll) = state.mode {
      let body = Rect(
        x: area.x, y: layout.header.bottom, width: area.width, height: layout.status.y - layout.header.bottom)
      renderText(view, scroll: scroll, into: &buffer, area: body, theme: theme)
    } else {
      if !layout.list.isEmpty { ResourceListPane(state: state).render(into: &buffer, area: layout.list, theme: theme) }
      if !layout.detail.isEmpty { renderDetail(into: &buffer, area: layout.detail, theme: theme) }
      if !layout.metrics.isEmpty { renderMetrics(into: &buffer, area: layout.metrics, theme: theme) }
      if !layout.logs.isEmpty { LogsPane(state: state).render(into: &buffer, area: layout.logs, theme: theme) }
      if !layout.activity.isEmpty {
        ActivityPane(records: state.activity, selected: state.selectedActivity, focused: state.focus == .activity)
          .render(into: &buffer, area: layout.activity, theme: theme)
      }
    }
    renderStatus(into: &buffer, area: layout.status, theme: theme)
    switch state.mode {
    case .confirm(let dialog, _): dialog.render(into: &buffer, area: area, theme: theme)
    case .rollback(let picker): RollbackPickerView(picker: picker).render(into: &buffer, area: area, theme: theme)
    case .routeForm(let form): RouteFormView(form: form).render(into: &buffer, area: area, theme: theme)
    case .contexts(let picker): ContextPickerView(picker: picker).render(into: &buffer, area: area, theme: theme)
    case .ownerTree(let picker): ChoicePickerView(picker: picker).render(into: &buffer, area: area, theme: theme)
    case .containers(let picker): ChoicePickerView(picker: picker).render(into: &buffer, area: area, theme: theme)
    case .canaryPicker(let picker): ChoicePickerView(picker: picker).render(into: &buffer, area: area, theme: theme)
    case .help: HelpOverlay(keyMap: ConsoleReducer.keyMap(state)).render(into: &buffer, area: area, theme: theme)
    default: break
    }
  }

  /// How many lines each pane shows in `state`'s layout, for the reducer's paging and its
  /// rows-on-screen refresh.
  static func viewports(of state: ConsoleState) -> ConsoleState.Viewports {
    let layout = ConsoleLayout(state)
    return ConsoleState.Viewports(
      list: layout.listViewport, logs: layout.logViewport, detail: layout.detail.inset(1).height,
      detailContent: state.detail.map { DetailPane(model: $0).contentHeight } ?? 0,
      text: ConsoleLayout.textViewport(state))
  }

  private func renderStatus(into buffer: inout ScreenBuffer, area: Rect, theme: Theme) {
    if let prompt = state.mode.prompt {
      Prompt().render(into: &buffer, area: area, state: prompt, theme: theme)
      // Why a value was refused, beside the value kept for correcting.
      if let flash = state.flash, flash.role == .flashError {
        let width = min(DisplayWidth.of(flash.text) + 2, area.width / 2)
        buffer.putAligned(
          flash.text, x: area.right - width, y: area.y, width: width, alignment: .right, style: theme[flash.role])
      }
      return
    }
    if let flash = state.flash {
      buffer.putAligned(
        " " + flash.text, x: area.x, y: area.y, width: area.width, alignment: .left, style: theme[flash.role])
      return
    }
    let position = state.table.selectedPosition.map { "\($0 + 1)/\(state.table.count)" } ?? "0/\(state.table.count)"
    let pane = (state.zoom.map { "zoom " + $0.title } ?? state.focus.title).lowercased()
    StatusBar(
      left: "\(pane) · \(position)", right: state.world.readOnly ? "read-only" : "",
      keyMap: ConsoleReducer.keyMap(state)
    )
    .render(into: &buffer, area: area, theme: theme)
  }
}
