import AIResources
import ClusterClient
import Foundation
import KubeCore
import Views

extension ConsoleReducer {
  /// Opens what an operation key asks for (a prompt or a question), or says why it cannot apply.
  static func beginOperation(_ action: ConsoleAction, _ state: inout ConsoleState) {
    guard let (resource, object) = state.selection else { return }
    beginOperation(action, on: resource, object, &state)
  }

  /// Opens what `action` asks for on `object`, or, when its controller would revert it, offers
  /// the same operation on the controller instead.
  static func beginOperation(
    _ action: ConsoleAction, on resource: APIResource, _ object: JSONValue, _ state: inout ConsoleState
  ) {
    let ref = ObjectIdentity(resource, object)
    let descriptor = state.descriptor(resource)
    guard descriptor.allows(action) else {
      flash(&state, "\(labelOf(action)) does not apply to \(resource.kind)", .flashWarn)
      return
    }
    if offerOwner(action, ref, object, &state) { return }
    switch action {
    case .scale:
      let current = Int(object[path: ["spec", "replicas"]]?.intValue ?? 0)
      openOperationPrompt(.scale(ref, current: current, bounds: ScaleBounds(object: object)), "\(current)", &state)
    case .canary:
      guard let canary = object[path: ["spec", "canary"]], canary.objectValue != nil else {
        openCanaryStart(ref, object, &state)
        return
      }
      let percent = canary["trafficPercent"]?.intValue.map(String.init) ?? ""
      openOperationPrompt(.canary(ref), percent, &state)
    case .pause:
      let paused = object[path: ["spec", "paused"]]?.boolValue == true
      let verb = paused ? "Resume" : "Pause"
      ask(
        ConfirmDialog(title: "\(verb) reconciliation", message: "\(verb) \(ref.description)?"),
        .pause(ref, paused: !paused), &state)
    case .rollback:
      openRollback(ref, object, &state)
    case .edit:
      openRouteForm(ref, object, &state)
    case .editYAML:
      openRouteEditor(EditorRequest(ref, route: object), &state)
    case .delete:
      let owned = Ownership(store: state.store, registry: state.registry).owned(by: resource, object)
      let counts = owned.map { "\($0.count) \($0.kind)\($0.count == 1 ? "" : "s")" }
      let extra = owned.isEmpty ? "" : " and what it owns (\(counts.joined(separator: ", ")))"
      ask(
        ConfirmDialog(
          title: "Delete", message: "Delete \(ref.description)\(extra)?", confirmLabel: "Delete",
          cancelLabel: "Keep", isDangerous: true),
        .delete(ref), &state)
    default:
      flash(&state, "\(labelOf(action)) does not apply to \(resource.kind)", .flashWarn)
    }
  }

  private static func labelOf(_ action: ConsoleAction) -> String {
    keyMap.bindings.first { $0.action == action }?.label ?? "that"
  }

  private static func openOperationPrompt(
    _ operation: ConsoleState.OperationPrompt, _ text: String, _ state: inout ConsoleState
  ) {
    let prefix: String
    switch operation {
    case .scale(let ref, let current, let bounds):
      let range = "\(bounds.autoscaled ? "autoscaled " : "")\(bounds.minimum)–\(bounds.maximum)"
      prefix = "scale \(ref.description) (now \(current), \(range)) to: "
    case .canary(let ref): prefix = "canary of \(ref.description): traffic % (0–100), promote or abort: "
    }
    var prompt = PromptState(prefix: prefix, candidates: ["promote", "abort"])
    prompt.setText(text, selected: true)
    state.mode = .operationPrompt(operation, prompt)
  }

  private static func ask(_ dialog: ConfirmDialog, _ operation: ConsoleOperation, _ state: inout ConsoleState) {
    state.mode = .confirm(dialog, .operation(operation))
  }

  /// Keys while an operation prompt is open: enter checks the value and sends, esc cancels.
  static func handleOperationPrompt(
    _ key: KeyEvent, _ operation: ConsoleState.OperationPrompt, _ prompt: PromptState, _ state: inout ConsoleState
  ) -> [ConsoleEffect] {
    var prompt = prompt
    switch prompt.handle(.key(key)) {
    case .editing:
      state.mode = .operationPrompt(operation, prompt)
      return []
    case .cancelled:
      state.mode = .normal
      return []
    case .submitted(let text):
      do {
        let edit = try self.operation(for: operation, text.trimmingCharacters(in: .whitespaces))
        state.mode = .normal
        return [dispatch(edit, &state)]
      } catch {
        // The operator's text stays in the prompt to be corrected.
        prompt.setText(text)
        state.mode = .operationPrompt(operation, prompt)
        flash(&state, error.message, .flashError)
        return []
      }
    }
  }

  /// Keys while a question is open.
  static func handleConfirm(
    _ key: KeyEvent, _ dialog: ConfirmDialog, _ answer: ConsoleState.ConfirmAnswer, _ state: inout ConsoleState
  ) -> [ConsoleEffect] {
    var dialog = dialog
    let outcome = dialog.handle(key)
    state.mode = .confirm(dialog, answer)
    switch (outcome, answer) {
    case (.open, _): return []
    case (.cancelled, _):
      state.mode = .normal
      return []
    case (.confirmed, .operation(let operation)):
      state.mode = .normal
      return [dispatch(operation, &state)]
    case (.confirmed, .onOwner(let action, let owner)):
      state.mode = .normal
      openOnOwner(action, owner, &state)
      return []
    }
  }

  /// A bad value typed into an operation prompt.
  struct InvalidValue: Error {
    var message: String
  }

  static func operation(for prompt: ConsoleState.OperationPrompt, _ text: String) throws(InvalidValue)
    -> ConsoleOperation
  {
    switch prompt {
    case .scale(let ref, _, let bounds):
      guard let replicas = Int(text) else { throw InvalidValue(message: "'\(text)' is not a whole number of replicas") }
      if let refusal = bounds.refusal(replicas, target: ref.target) { throw InvalidValue(message: refusal) }
      return .scale(ref, replicas: replicas)
    case .canary(let ref):
      switch text.lowercased() {
      case "promote": return .canaryPromote(ref)
      case "abort": return .canaryAbort(ref)
      default:
        guard let percent = Int(text.trimmingCharacters(in: CharacterSet(charactersIn: "%"))),
          (0...100).contains(percent)
        else { throw InvalidValue(message: "'\(text)': give a traffic percent 0–100, promote or abort") }
        return .canaryTraffic(ref, percent: percent)
      }
    }
  }

  /// Records the operation as in flight and asks the runtime to carry it out.
  static func dispatch(_ operation: ConsoleOperation, _ state: inout ConsoleState) -> ConsoleEffect {
    let id = state.nextActivityID
    state.nextActivityID += 1
    state.activity.append(ActivityRecord(id: id, summary: operation.summary, target: operation.target))
    if state.activity.count > 200 { state.activity.removeFirst(state.activity.count - 200) }
    flash(&state, operation.summary + "…")
    return .operate(id: id, operation)
  }

  /// The edit went through or was refused.
  static func operationFinished(_ state: inout ConsoleState, id: Int, changeID: String?, failure: OperationError?) {
    let error = failure?.description
    if let pending = state.pendingRouteEdits.removeValue(forKey: id), let failure {
      routeEditRefused(pending, failure, &state)
    }
    guard let index = state.activity.firstIndex(where: { $0.id == id }) else { return }
    state.activity[index].changeID = changeID
    state.activity[index].result = error ?? "ok"
    state.activity[index].failed = error != nil
    // The reconcile may have reported the change-id before this result came back.
    let target = state.activity[index].target
    if error == nil, let (_, object) = state.object(target) {
      matchReconcile(object, &state)
    }
    if let failure, failure.kind == .conflict {
      flash(
        &state,
        "\(state.activity[index].target.description) changed meanwhile: your edit is kept, send it again onto the current one",
        .flashWarn)
    } else if let error {
      flash(&state, "\(state.activity[index].summary) failed: \(error.split(separator: "\n").first ?? "")", .flashError)
    } else {
      flash(&state, "\(state.activity[index].summary): done (change \(changeID ?? "-"))")
    }
  }

  /// A reconcile that reports a change-id of ours completes that activity row.
  static func matchReconcile(_ object: JSONValue, _ state: inout ConsoleState) {
    // The last reconcile that acted on a change; the reconciles after it act on none and keep it.
    guard
      let reconcile = object[path: ["status", "reconcile", "lastChange"]] ?? object[path: ["status", "reconcile"]],
      let changeID = reconcile["changeID"]?.stringValue,
      // Every reconcile of the change updates the row, so it ends on the one that settled it.
      let index = state.activity.lastIndex(where: { $0.changeID == changeID })
    else { return }
    let result = reconcile["result"]?.stringValue ?? "done"
    let duration = reconcile["durationMillis"]?.intValue.map { " in \($0)ms" } ?? ""
    state.activity[index].reconcile = result + duration
  }
}
