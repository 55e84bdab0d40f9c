import ClusterClient
import Views

extension ConsoleReducer {
  /// The keys of the logs pane: pause, wrap, level, search and its matches, correlation mode.
  static func performLogAction(_ action: ConsoleAction, _ state: inout ConsoleState) {
    let viewport = state.viewports.logs
    switch action {
    case .follow: state.logs.togglePause(viewport: viewport)
    case .wrap: state.logs.view.toggleWrap()
    case .level: state.logs.cycleLevel(viewport: viewport)
    case .correlation: openLogPrompt(.correlation, &state)
    case .search: openLogPrompt(.search, &state)
    case .nextMatch: state.logs.view.nextMatch(viewport: viewport)
    case .previousMatch: state.logs.view.previousMatch(viewport: viewport)
    default: break
    }
  }

  /// Opens a prompt of the logs pane, holding what it would change now (for correlation, the
  /// change-id of the selected or newest activity row).
  static func openLogPrompt(_ prompt: ConsoleLogs.Prompt, _ state: inout ConsoleState) {
    let (prefix, text): (String, String)
    switch prompt {
    case .filter:
      prefix = "logs /"
      text = state.logs.query.description
    case .search:
      prefix = "search logs: "
      text = state.logs.view.search
    case .correlation:
      prefix = "logs of correlation id: "
      text = activityForLogs(state)?.changeID ?? state.logs.correlationID ?? ""
    }
    var editor = PromptState(prefix: prefix, history: state.promptHistory)
    editor.setText(text, selected: true)
    state.mode = .logPrompt(prompt, editor)
  }

  /// Keys while a logs prompt is open. A filter that does not parse (a bad regular expression,
  /// say) stays open with its text, and the status line says what is wrong.
  static func handleLogPrompt(
    _ key: KeyEvent, _ prompt: ConsoleLogs.Prompt, _ editor: PromptState, _ state: inout ConsoleState
  ) -> [ConsoleEffect] {
    var editor = editor
    let outcome = editor.handle(.key(key))
    state.promptHistory = editor.history
    state.mode = .logPrompt(prompt, editor)
    switch outcome {
    case .editing: return []
    case .cancelled: break
    case .submitted(let text):
      let text = text.trimmingCharacters(in: .whitespaces)
      let viewport = state.viewports.logs
      switch prompt {
      case .filter:
        do {
          state.logs.setQuery(try LogFilter.parse(text), viewport: viewport)
          state.focus = .logs
        } catch {
          editor.setText(text)
          state.mode = .logPrompt(prompt, editor)
          flash(&state, error.message, .flashError)
          return []
        }
      case .search:
        state.logs.view.setSearch(text, viewport: viewport)
        state.focus = .logs
      case .correlation:
        guard !text.isEmpty else {
          flash(
            &state, "type a correlation ID: a change-id from the activity pane or a request's x-request-id", .flashError
          )
          return []
        }
        openCorrelation(text, &state)
      }
    }
    if state.mode.name == .logPrompt { state.mode = .normal }
    return []
  }

  /// Correlation mode: the lines of `id` from every component and instance pod.
  static func openCorrelation(_ id: String, _ state: inout ConsoleState) {
    state.mode = .normal
    state.logs.setCorrelationID(id, viewport: state.viewports.logs)
    state.focus = .logs
    // The sources widen to every pod at the end of this batch.
    state.logSourcesStale = true
  }

  /// `esc` in the logs: leaves correlation mode (back to the selection's logs), else clears the
  /// typed filter; false when there was neither.
  static func leaveLogFilter(_ state: inout ConsoleState) -> Bool {
    let viewport = state.viewports.logs
    if state.logs.correlationID != nil {
      state.logs.setCorrelationID(nil, viewport: viewport)
      state.logSourcesStale = true
      return true
    }
    guard !state.logs.query.isEmpty else { return false }
    state.logs.setQuery(.all, viewport: viewport)
    return true
  }
}
