extension ConsoleReducer {
  /// Moves the focus as `tab` (or `shift-tab`) does: to the activity pane only once it is shown,
  /// selecting its newest row the first time.
  static func focusNextPane(forward: Bool, _ state: inout ConsoleState) {
    let panes = ConsoleState.Pane.allCases.filter { $0 != .activity || !state.activity.isEmpty }
    let index = panes.firstIndex(of: state.focus) ?? 0
    state.focus = panes[(index + (forward ? 1 : panes.count - 1)) % panes.count]
    if state.focus == .activity, state.selectedActivity == nil { state.selectedActivity = state.activity.last?.id }
  }

  /// Moves the activity selection by `delta` rows; the pane lists the newest first, so down is older.
  static func moveActivitySelection(by delta: Int, _ state: inout ConsoleState) {
    let newestFirst = state.activity.reversed().map(\.id)
    guard !newestFirst.isEmpty else { return }
    let current = state.selectedActivity.flatMap { newestFirst.firstIndex(of: $0) } ?? 0
    state.selectedActivity = newestFirst[min(max(0, current + delta), newestFirst.count - 1)]
  }

  /// The activity row `L` and `enter` are about: the selected one while the activity pane has
  /// focus, else the newest that has a change-id.
  static func activityForLogs(_ state: ConsoleState) -> ActivityRecord? {
    if state.focus == .activity, let id = state.selectedActivity,
      let record = state.activity.first(where: { $0.id == id })
    {
      return record
    }
    return state.activity.last { $0.changeID != nil }
  }

  /// `enter` on an activity row: the logs of its change-id across every pod.
  static func openSelectedActivityLogs(_ state: inout ConsoleState) {
    guard let record = activityForLogs(state) else { return }
    guard let changeID = record.changeID else {
      flash(&state, "\(record.summary) has no change-id yet (its edit is still being sent)", .flashWarn)
      return
    }
    openCorrelation(changeID, &state)
  }
}
