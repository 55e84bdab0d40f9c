import KubeCore
import Views

extension ConsoleReducer {
  /// `e` on an AIModelRoute: the form, on the route as cached.
  static func openRouteForm(_ ref: ObjectIdentity, _ route: JSONValue, _ state: inout ConsoleState) {
    state.mode = .routeForm(RouteForm(ref, route: route))
  }

  /// `E` on an AIModelRoute, or ctrl-e in its form: the YAML in the operator's editor.
  static func openRouteEditor(_ request: EditorRequest, _ state: inout ConsoleState) {
    state.mode = .normal
    state.editorRequest = request
  }

  /// Keys in the form: the form's own, ctrl-e for the YAML, enter sends.
  static func handleRouteForm(_ key: KeyEvent, _ form: RouteForm, _ state: inout ConsoleState) -> [ConsoleEffect] {
    var form = form
    if key == .ctrl("e") {
      var request = EditorRequest(form.target, route: form.base)
      request.body = EditorRequest(form.target, route: form.edited).body
      openRouteEditor(request, &state)
      return []
    }
    let outcome = form.form.handle(.key(key))
    state.mode = .routeForm(form)
    switch outcome {
    case .editing: return []
    case .cancelled:
      state.mode = .normal
      return []
    case .submitted:
      state.mode = .normal
      let effect = dispatch(.editRoute(form.target, form.edited), &state)
      if case .operate(let id, _) = effect { state.pendingRouteEdits[id] = .form(form) }
      return [effect]
    }
  }

  /// The editor closed: nothing changed, a text to send, or a text that cannot be sent (reopened
  /// with the reason on top, as `kubectl edit` does).
  static func editorClosed(
    _ request: EditorRequest, _ result: Result<String, ExternalEditor.Failure>, _ state: inout ConsoleState
  ) -> [ConsoleEffect] {
    let text: String
    switch result {
    case .failure(let failure):
      flash(&state, failure.description, .flashError)
      return []
    case .success(let saved): text = saved
    }
    if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty || text == request.body {
      flash(&state, "edit of \(request.target.description) cancelled, no changes made")
      return []
    }
    var edited = request
    edited.body = text
    do throws(OperationError) {
      let object = try ClusterOperations.parseRoute(text, name: request.target.name)
      let effect = dispatch(.editRoute(request.target, object), &state)
      if case .operate(let id, _) = effect { state.pendingRouteEdits[id] = .editor(edited) }
      return [effect]
    } catch {
      edited.notes = RouteEditSession.errorLines(error)
      state.editorRequest = edited
      return []
    }
  }

  /// A route edit came back refused: reopen it as the operator left it, with the server's reasons
  /// beside the fields (or on top of the YAML); after a conflict, on the route as it is now.
  static func routeEditRefused(
    _ pending: ConsoleState.PendingRouteEdit, _ failure: OperationError, _ state: inout ConsoleState
  ) {
    switch pending {
    case .form(var form):
      if failure.kind == .conflict, let current = failure.current {
        form = form.rebased(onto: current)
      } else {
        form.showServerErrors(failure.fields, message: failure.message)
      }
      state.mode = .routeForm(form)
    case .editor(var request):
      if failure.kind == .conflict, let current = failure.current {
        request = rebase(request, onto: current)
      } else {
        request.notes = RouteEditSession.errorLines(failure)
      }
      state.editorRequest = request
    }
  }

  /// The operator's YAML edit carried onto the route as it is now: their spec changes applied to
  /// the fresh object, with what changed meanwhile listed on top.
  static func rebase(_ request: EditorRequest, onto current: JSONValue) -> EditorRequest {
    var fresh = EditorRequest(request.target, route: current)
    let edited = (try? JSONValue.parseYAML(request.body)) ?? request.base
    var rebased = fresh.base
    for change in FieldChange.diff(request.base["spec"], edited["spec"], at: ["spec"]) {
      rebased.set(change.new, at: change.path)
    }
    fresh.body = KubectlOutput.yaml(rebased)
    let meanwhile = FieldChange.meanwhile(from: request.base, to: current)
    fresh.notes =
      ["The route was changed by someone else meanwhile:"] + meanwhile.map { "  \($0.description)" }
      + ["Your changes are applied below onto the route as it is now; save to send them.", ""]
    return fresh
  }
}
