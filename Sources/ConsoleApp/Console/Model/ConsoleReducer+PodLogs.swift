import ClusterClient
import KubeCore
import Views

extension ConsoleReducer {
  /// `l` on a Pod: its containers' current logs in the logs pane, which takes the focus; with
  /// several containers a picker asks first which (all of them, or one).
  static func openPodLogs(_ state: inout ConsoleState) {
    guard let pod = selectedPod(state) else { return }
    var choice = PodLogChoice.current(for: pod, kept: state.logs.podChoice)
    choice.previous = false
    if PodLogChoice.containers(of: pod).count > 1 {
      state.mode = .containers(PodLogChoice.picker(for: pod, selecting: choice))
      return
    }
    choice.container = nil
    show(choice, &state)
  }

  /// Keys of the container picker: `j`/`k` move, `enter` follows the pick, `esc` closes.
  static func handleContainerPicker(
    _ key: KeyEvent, _ picker: ChoicePicker<PodLogChoice.Pick>, _ state: inout ConsoleState
  ) -> [ConsoleEffect] {
    var picker = picker
    switch picker.handle(key) {
    case .open: state.mode = .containers(picker)
    case .closed: state.mode = .normal
    case .quit: return [.quit(0)]
    case .picked(let pick):
      state.mode = .normal
      guard let pod = selectedPod(state) else { return [] }
      var choice = PodLogChoice.current(for: pod, kept: state.logs.podChoice)
      choice.previous = false
      if case .one(let container) = pick { choice.container = container } else { choice.container = nil }
      show(choice, &state)
    }
    return []
  }

  /// `p` on a Pod outside the logs pane: its previous run's logs (`kubectl logs -p`), or back to
  /// the current run; refused with the kubelet's words when no shown container has restarted.
  static func togglePreviousLogs(_ state: inout ConsoleState) {
    guard let pod = selectedPod(state) else { return }
    var choice = PodLogChoice.current(for: pod, kept: state.logs.podChoice)
    choice.previous.toggle()
    if choice.previous, let missing = choice.missingPrevious(in: pod) {
      flash(&state, missing, .flashWarn)
      return
    }
    // The focus stays, so that `p` again goes back to the current run.
    show(choice, focusing: false, &state)
    flash(&state, "logs of \(choice.pod): \(choice.label(of: pod))")
  }

  /// The selected Pod's log sources, as its choice says; nil when the selection is no Pod.
  static func podLogSources(_ state: ConsoleState) -> Set<LogSource>? {
    guard let pod = selectedPod(state) else { return nil }
    return PodLogChoice.current(for: pod, kept: state.logs.podChoice).sources(of: pod)
  }

  /// The choice for the selected Pod, and the Pod, for the logs pane; nil when the selection is no Pod.
  static func shownPodChoice(_ state: ConsoleState) -> (choice: PodLogChoice, pod: JSONValue)? {
    guard state.logs.correlationID == nil, let pod = selectedPod(state) else { return nil }
    return (PodLogChoice.current(for: pod, kept: state.logs.podChoice), pod)
  }

  private static func show(_ choice: PodLogChoice, focusing: Bool = true, _ state: inout ConsoleState) {
    state.logs.podChoice = choice
    state.logSourcesStale = true
    if focusing { state.focus = .logs }
  }

  private static func selectedPod(_ state: ConsoleState) -> JSONValue? {
    guard selectionIsPod(state), let (_, pod) = state.selection else { return nil }
    return pod
  }
}
