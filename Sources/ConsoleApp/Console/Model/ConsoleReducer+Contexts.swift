import Views

/// `:ctx`: the kubeconfig's contexts in a picker, and the switch to one of them. The reducer only
/// asks; the launch reads the kubeconfig, starts the new connection and reports back with
/// `contextSwitched`, at which point everything of the old cluster is dropped.
extension ConsoleReducer {
  /// `:ctx` opens the picker (and asks for a fresh reading of the kubeconfig); `:ctx NAME` switches.
  static func contextCommand(_ arguments: [String], _ state: inout ConsoleState) -> [ConsoleEffect] {
    guard let name = arguments.first else {
      state.mode = .contexts(ContextPicker(contexts: state.contexts, current: state.world.context))
      return [.readContexts]
    }
    return requestSwitch(to: name, &state)
  }

  /// Asks the launch to switch to the context called `name`, after checking what the state knows
  /// of it: one the kubeconfig does not name, or the one on screen, is answered at once.
  static func requestSwitch(to name: String, _ state: inout ConsoleState) -> [ConsoleEffect] {
    guard let entry = state.contexts.entry(named: name) else {
      let known = state.contexts.entries.map(\.name).joined(separator: ", ")
      let why = state.contexts.problem.map { "; \($0)" } ?? (known.isEmpty ? "" : " (contexts: \(known))")
      flash(&state, "no context '\(name)' in the kubeconfig\(why)", .flashError)
      return []
    }
    return requestSwitch(to: entry, &state)
  }

  static func requestSwitch(to entry: ConsoleContext, _ state: inout ConsoleState) -> [ConsoleEffect] {
    if entry.name == state.world.context, entry.embedded == state.world.embedded {
      flash(&state, "already on context \(entry.name)")
      return []
    }
    guard entry.server != nil else {
      flash(
        &state, "context \(entry.name) names cluster '\(entry.cluster)', which the kubeconfig does not define",
        .flashError)
      return []
    }
    flash(&state, "switching to context \(entry.name)…")
    return [.switchContext(entry)]
  }

  /// Keys in the picker: move, `enter` switches to the selected context, `esc` closes.
  static func handleContextPicker(_ key: KeyEvent, _ picker: ContextPicker, _ state: inout ConsoleState)
    -> [ConsoleEffect]
  {
    var picker = picker
    switch key {
    case KeyEvent(.escape), .char("q"):
      state.mode = .normal
      return []
    case KeyEvent(.down), .char("j"): picker.move(by: 1)
    case KeyEvent(.up), .char("k"): picker.move(by: -1)
    case KeyEvent(.home), .char("g"): picker.move(by: -picker.contexts.entries.count)
    case KeyEvent(.end), .char("G"): picker.move(by: picker.contexts.entries.count)
    case KeyEvent(.enter):
      state.mode = .normal
      guard let entry = picker.entry else {
        flash(&state, state.contexts.problem ?? "the kubeconfig names no context", .flashError)
        return []
      }
      return requestSwitch(to: entry, &state)
    default: break
    }
    state.mode = .contexts(picker)
    return []
  }

  /// The kubeconfig was read (again): the contexts for completion and for an open picker.
  static func contextsRead(_ contexts: ConsoleContexts, _ state: inout ConsoleState) {
    state.contexts = contexts
    if case .contexts(var picker) = state.mode {
      picker.refresh(contexts)
      state.mode = .contexts(picker)
    }
  }

  /// The launch replaced the connection: nothing of the old cluster stays (objects, list, detail,
  /// logs, metrics, the activity of its operations, an open question about one of its objects).
  /// What is the operator's own stays: theme, split, zoom, prompt history, the contexts.
  /// A fresh state is built and the kept fields carried over, so that whatever the state gains
  /// later starts empty on a switch unless it is named here.
  static func contextSwitched(to world: ConsoleState.World, _ state: inout ConsoleState) {
    var fresh = ConsoleState(world: world, theme: state.theme, now: state.now, registry: state.registry)
    fresh.split = state.split
    fresh.zoom = state.zoom
    fresh.promptHistory = state.promptHistory
    fresh.size = state.size
    fresh.viewports = state.viewports
    fresh.contexts = state.contexts
    // Activity ids keep counting, so no answer can ever be taken for another operation's.
    fresh.nextActivityID = state.nextActivityID
    state = fresh
    flash(&state, "context \(world.context) · \(world.server)")
  }

  /// The launch could not build a connection for the context (its kubeconfig entry is unusable):
  /// the console stays where it is and says why.
  static func contextRefused(_ name: String, _ reason: String, _ state: inout ConsoleState) {
    flash(&state, "cannot switch to context \(name): \(reason)", .flashError)
  }

  /// What `:ctx ` completes to in the `:` prompt.
  static func contextCandidates(_ state: ConsoleState) -> [String] {
    ["ctx"] + state.contexts.entries.map { "ctx \($0.name)" }
  }
}
