import ClusterClient
import Foundation
import KubeCore
import Views

extension ConsoleReducer {
  static let keyMap = KeyMap(ConsoleKeys.bindings)
  /// The same keys with every mutating one refused (`--readonly`).
  static let readOnlyKeyMap = KeyMap(ConsoleKeys.bindings, readOnly: true)

  /// The key table in force for a state.
  static func keyMap(_ state: ConsoleState) -> KeyMap<ConsoleAction> {
    state.world.readOnly ? readOnlyKeyMap : keyMap
  }

  static func handle(key: KeyEvent, _ state: inout ConsoleState) -> [ConsoleEffect] {
    switch state.mode {
    case .help:
      if key.key == .escape || key == .char("?") || key == .char("q") { state.mode = .normal }
      return []
    case .command(let prompt), .filter(let prompt):
      return handlePrompt(key, prompt, &state)
    case .text(let view, let scroll):
      return handleTextView(key, view, scroll, &state)
    case .operationPrompt(let operation, let prompt):
      return handleOperationPrompt(key, operation, prompt, &state)
    case .confirm(let dialog, let answer):
      return handleConfirm(key, dialog, answer, &state)
    case .rollback(let picker):
      return handleRollback(key, picker, &state)
    case .routeForm(let form):
      return handleRouteForm(key, form, &state)
    case .logPrompt(let kind, let prompt):
      return handleLogPrompt(key, kind, prompt, &state)
    case .contexts(let picker):
      return handleContextPicker(key, picker, &state)
    case .ownerTree(let picker):
      return handleOwnerTree(key, picker, &state)
    case .containers(let picker):
      return handleContainerPicker(key, picker, &state)
    case .canaryPicker(let picker):
      return handleCanaryPicker(key, picker, &state)
    case .canaryTraffic(let start, let prompt):
      return handleCanaryTraffic(key, start, prompt, &state)
    case .normal:
      if let refused = keyMap(state).refusedInReadOnly(key) {
        flash(&state, "read-only: '\(refused.label)' is disabled (started with --readonly)", .flashWarn)
        return []
      }
      guard let action = keyMap.action(for: key) else { return [] }
      return perform(action, &state)
    }
  }

  static func perform(_ action: ConsoleAction, _ state: inout ConsoleState) -> [ConsoleEffect] {
    switch action {
    case .quit: return [.quit(0)]
    case .help: state.mode = .help
    case .command: openPrompt(&state, filter: false, prefix: ":", text: "")
    case .filter where state.focus == .logs: openLogPrompt(.filter, &state)
    case .filter: openPrompt(&state, filter: true, prefix: "/", text: state.table.filter)
    case .down, .up, .pageDown, .pageUp, .top, .bottom: move(action, &state)
    case .enter where state.focus == .activity: openSelectedActivityLogs(&state)
    case .enter where state.focus == .detail: openOwnerTree(&state)
    case .enter:
      if state.focus == .list, state.selection != nil { state.focus = .detail }
    case .back: return back(&state)
    case .owner: return openOwner(&state)
    case .nextMatch where state.focus != .logs && selectionIsPod(state): return openNode(&state)
    case .nextPane, .previousPane:
      focusNextPane(forward: action == .nextPane, &state)
      if state.zoom != nil { state.zoom = state.focus }
    case .zoom: state.zoom = state.zoom == nil ? state.focus : nil
    case .narrower: state.split = max(0.25, state.split - 0.05)
    case .wider: state.split = min(0.8, state.split + 0.05)
    case .sort:
      let next = ((state.table.sortColumn ?? 0) + 1) % state.columns.columns.count
      state.table.sort(by: next == 0 ? nil : next, ascending: true)
    case .yaml, .describe:
      openText(yaml: action == .yaml, &state)
    case .logs where selectionIsPod(state): openPodLogs(&state)
    case .logs: state.focus = .logs
    case .follow where state.focus != .logs && selectionIsPod(state): togglePreviousLogs(&state)
    case .follow, .wrap, .level, .correlation, .search, .nextMatch, .previousMatch: performLogAction(action, &state)
    case .allNamespaces: setNamespace(&state, nil)
    case .scale, .pause, .canary, .delete, .rollback, .edit, .editYAML: beginOperation(action, &state)
    case .reconnect: return reconnectNow(&state)
    }
    return []
  }

  /// `/text` filters the rows by their text (`!text` inverts); `/-l key=value,…` by labels.
  private static func applyFilter(_ text: String, _ state: inout ConsoleState) {
    guard text.hasPrefix("-l") else {
      state.table.setFilter(text)
      return
    }
    let selector = text.dropFirst(2).trimmingCharacters(in: .whitespaces)
    do {
      state.labelSelector = selector.isEmpty ? nil : try LabelSelector(parsing: selector)
      state.labelFilter = selector
      state.table.setFilter("")
      state.listNeedsRebuild = true
      flash(&state, selector.isEmpty ? "label filter cleared" : "labels \(selector)")
    } catch {
      flash(&state, "bad label selector '\(selector)': \(error)", .flashError)
    }
  }

  private static func back(_ state: inout ConsoleState) -> [ConsoleEffect] {
    if state.focus == .logs, leaveLogFilter(&state) { return [] }
    if state.zoom != nil {
      state.zoom = nil
    } else if state.labelSelector != nil, state.focus == .list {
      state.labelSelector = nil
      state.listNeedsRebuild = true
    } else if !state.table.filter.isEmpty, state.focus == .list {
      state.table.setFilter("")
    } else if state.focus == .list, !state.trail.isEmpty {
      return stepBack(&state)
    } else {
      state.focus = .list
    }
    return []
  }

  private static func move(_ action: ConsoleAction, _ state: inout ConsoleState) {
    let viewport = state.focus == .logs ? state.viewports.logs : state.viewports.list
    let page = max(1, viewport - 1)
    let delta: Int? = [ConsoleAction.down: 1, .up: -1, .pageDown: page, .pageUp: -page][action]
    switch state.focus {
    case .list, .metrics:
      if let delta {
        state.table.moveSelection(by: delta, viewport: viewport)
      } else {
        state.table.jump(toEnd: action == .bottom, viewport: viewport)
      }
      state.detailScroll = DetailScroll()
    case .detail:
      let height = state.viewports.detailContent
      let step = delta ?? (action == .top ? -height : height)
      state.detailScroll.top += step
      state.detailScroll = state.detailScroll.clamped(contentHeight: height, viewport: state.viewports.detail)
    case .logs:
      state.logs.view.scroll(
        by: delta ?? (action == .top ? -state.logs.view.endLine : state.logs.view.endLine), viewport: viewport)
    case .activity:
      moveActivitySelection(by: delta ?? (action == .top ? -state.activity.count : state.activity.count), &state)
    }
  }

  private static func handleTextView(
    _ key: KeyEvent, _ view: ConsoleState.TextView, _ scroll: DetailScroll, _ state: inout ConsoleState
  ) -> [ConsoleEffect] {
    let isYAML = if case .yaml = view { true } else { false }
    switch key {
    case KeyEvent(.escape), .char("q"): state.mode = .normal
    case .char("y"): isYAML ? (state.mode = .normal) : openText(yaml: true, &state)
    case .char("d"): isYAML ? openText(yaml: false, &state) : (state.mode = .normal)
    case .char("x"):
      guard case .yaml(let yaml) = view, let (_, object) = state.selection, YAMLView.isSecret(object) else { break }
      state.mode = .text(.yaml(YAMLView(object: object, revealSecrets: !yaml.revealsSecrets)), scroll)
    case .ctrl("c"): return [.quit(0)]
    default:
      var scroll = scroll
      _ = scroll.handle(key, contentHeight: view.lines.count, viewport: state.viewports.text)
      state.mode = .text(view, scroll)
    }
    return []
  }

  /// Opens the YAML or describe view of the selection (nothing when nothing is selected).
  static func openText(yaml: Bool, _ state: inout ConsoleState) {
    guard let context = detailContext(state) else { return }
    let view: ConsoleState.TextView =
      yaml ? .yaml(YAMLView(object: context.object)) : .describe(DescribeView(context: context))
    state.mode = .text(view, DetailScroll())
  }

  private static func openPrompt(_ state: inout ConsoleState, filter: Bool, prefix: String, text: String) {
    var prompt = PromptState(
      prefix: prefix, history: state.promptHistory, candidates: commandCandidates(state),
      aliases: commandAliases(state))
    prompt.setText(text, selected: true)
    state.mode = filter ? .filter(prompt) : .command(prompt)
  }

  private static func handlePrompt(_ key: KeyEvent, _ prompt: PromptState, _ state: inout ConsoleState)
    -> [ConsoleEffect]
  {
    let filtering = state.mode.name == .filter
    var prompt = prompt
    let outcome = prompt.handle(.key(key))
    state.promptHistory = prompt.history
    switch outcome {
    case .editing:
      state.mode = filtering ? .filter(prompt) : .command(prompt)
      if filtering, !prompt.text.hasPrefix("-l") { state.table.setFilter(prompt.text) }
    case .submitted(let text):
      state.mode = .normal
      if filtering {
        applyFilter(text, &state)
      } else {
        return runCommand(text, &state)
      }
    case .cancelled:
      state.mode = .normal
    }
    return []
  }
}
