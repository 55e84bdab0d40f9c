import KubeCore
import Views

extension ConsoleReducer {
  /// `r`: the picker of the selection's revisions, from the cache.
  static func openRollback(_ ref: ObjectIdentity, _ object: JSONValue, _ state: inout ConsoleState) {
    do throws(OperationError) {
      state.mode = .rollback(
        try RollbackPicker.make(ref, object: object, revisions: state.store.related(.revisions), now: state.now))
    } catch {
      flash(&state, error.message, .flashWarn)
    }
  }

  /// Keys in the picker: move, enter asks to confirm the selected revision, esc closes.
  static func handleRollback(_ key: KeyEvent, _ picker: RollbackPicker, _ state: inout ConsoleState)
    -> [ConsoleEffect]
  {
    var picker = picker
    switch key {
    case KeyEvent(.escape), .char("q"):
      state.mode = .normal
      return []
    case KeyEvent(.down), .char("j"): picker.move(by: 1)
    case KeyEvent(.up), .char("k"): picker.move(by: -1)
    case KeyEvent(.enter):
      let entry = picker.entry
      guard !entry.isCurrent else {
        flash(&state, "revision \(entry.number) is what the spec says already", .flashWarn)
        return []
      }
      let changes = RollbackPicker.summary(entry)
      state.mode = .confirm(
        ConfirmDialog(
          title: "Roll back",
          message: "Roll \(picker.target.description) back to revision \(entry.number) (\(changes))?",
          confirmLabel: "Roll back", cancelLabel: "Keep"),
        .operation(.rollback(picker.target, toRevision: entry.number)))
      return []
    default: break
    }
    state.mode = .rollback(picker)
    return []
  }
}
