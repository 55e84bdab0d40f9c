import ClusterClient
import Views

extension ConsoleReducer {
  static let keyMap = KeyMap(ConsoleKeys.bindings)

  static func handle(key: KeyEvent, _ state: inout ConsoleState) -> [ConsoleEffect] {
    switch state.mode {
    case .help:
      if key.key == .escape || key == .char("?") || key == .char("q") { state.mode = .normal }
      return []
    case .command, .filter:
      return handlePrompt(key, &state)
    case .yaml, .describe:
      return handleTextView(key, &state)
    case .normal:
      guard let action = keyMap.action(for: key) else { return [] }
      return perform(action, &state)
    }
  }

  static func perform(_ action: ConsoleAction, _ state: inout ConsoleState) -> [ConsoleEffect] {
    switch action {
    case .quit: return [.quit(0)]
    case .help: state.mode = .help
    case .command: openPrompt(&state, mode: .command, prefix: ":", text: "")
    case .filter: openPrompt(&state, mode: .filter, prefix: "/", text: state.table.filter)
    case .down, .up, .pageDown, .pageUp, .top, .bottom: move(action, &state)
    case .enter:
      if state.focus == .list, state.selection != nil { state.focus = .detail }
    case .back: back(&state)
    case .nextPane, .previousPane:
      let count = ConsoleState.Pane.allCases.count
      let step = action == .nextPane ? 1 : count - 1
      state.focus = ConsoleState.Pane(rawValue: (state.focus.rawValue + step) % count) ?? .list
      if state.zoom != nil { state.zoom = state.focus }
    case .zoom: state.zoom = state.zoom == nil ? state.focus : nil
    case .narrower: state.split = max(0.25, state.split - 0.05)
    case .wider: state.split = min(0.8, state.split + 0.05)
    case .sort:
      let next = ((state.table.sortColumn ?? 0) + 1) % state.columns.columns.count
      state.table.sort(by: next == 0 ? nil : next, ascending: true)
    case .yaml, .describe:
      guard state.selection != nil else { return [] }
      state.mode = action == .yaml ? .yaml : .describe
      state.textScroll = 0
    case .logs: state.focus = .logs
    case .follow: state.logs.view.toggleFollow(viewport: ConsoleLayout(state).logViewport)
    case .wrap: state.logs.view.toggleWrap()
    case .level: state.logs.cycleLevel()
    case .allNamespaces: setNamespace(&state, nil)
    }
    return []
  }

  private static func back(_ state: inout ConsoleState) {
    if state.zoom != nil {
      state.zoom = nil
    } else if !state.table.filter.isEmpty, state.focus == .list {
      state.table.setFilter("")
    } else {
      state.focus = .list
    }
  }

  private static func move(_ action: ConsoleAction, _ state: inout ConsoleState) {
    let layout = ConsoleLayout(state)
    let viewport = state.focus == .logs ? layout.logViewport : layout.listViewport
    let page = max(1, viewport - 1)
    let delta: Int? = [ConsoleAction.down: 1, .up: -1, .pageDown: page, .pageUp: -page][action]
    switch state.focus {
    case .list, .metrics:
      if let delta {
        state.table.moveSelection(by: delta, viewport: viewport)
      } else {
        state.table.jump(toEnd: action == .bottom, viewport: viewport)
      }
      state.detailScroll = 0
    case .detail:
      state.detailScroll = max(0, state.detailScroll + (delta ?? (action == .top ? -state.detailScroll : 1_000)))
    case .logs:
      state.logs.view.scroll(
        by: delta ?? (action == .top ? -state.logs.view.endLine : state.logs.view.endLine), viewport: viewport)
    }
  }

  private static func handleTextView(_ key: KeyEvent, _ state: inout ConsoleState) -> [ConsoleEffect] {
    let page = max(1, state.size.height - 3)
    switch key {
    case KeyEvent(.escape), .char("q"): state.mode = .normal
    case .char("y"): state.mode = state.mode == .yaml ? .normal : .yaml
    case .char("d"): state.mode = state.mode == .describe ? .normal : .describe
    case .char("j"), KeyEvent(.down): state.textScroll += 1
    case .char("k"), KeyEvent(.up): state.textScroll = max(0, state.textScroll - 1)
    case KeyEvent(.pageDown), .ctrl("f"), .char(" "): state.textScroll += page
    case KeyEvent(.pageUp), .ctrl("b"): state.textScroll = max(0, state.textScroll - page)
    case .char("g"), KeyEvent(.home): state.textScroll = 0
    case .ctrl("c"): return [.quit(0)]
    default: break
    }
    return []
  }

  private static func openPrompt(_ state: inout ConsoleState, mode: ConsoleState.Mode, prefix: String, text: String) {
    state.mode = mode
    state.prompt = PromptState(prefix: prefix, history: state.prompt.history, candidates: commandCandidates(state))
    state.prompt.setText(text)
  }

  private static func handlePrompt(_ key: KeyEvent, _ state: inout ConsoleState) -> [ConsoleEffect] {
    let filtering = state.mode == .filter
    switch state.prompt.handle(.key(key)) {
    case .editing:
      if filtering { state.table.setFilter(state.prompt.text) }
    case .submitted(let text):
      state.mode = .normal
      if filtering {
        state.table.setFilter(text)
      } else {
        return runCommand(text, &state)
      }
    case .cancelled:
      state.mode = .normal
    }
    return []
  }
}
