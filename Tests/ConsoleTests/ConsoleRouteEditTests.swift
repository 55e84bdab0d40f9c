import ClusterClient
import Foundation
import KubeCore
import Testing
import Views

@testable import ConsoleApp

@Suite("Console route form")
struct ConsoleRouteEditTests {
  typealias F = ConsoleFixtures
  static let ref = ObjectIdentity(F.route, namespace: "demo", name: "chat")

  static func route(requestsPerMinute: Int = 600, resourceVersion: String = "7") -> JSONValue {
    [
      "apiVersion": "ai.aiconsole.dev/v1", "kind": "AIModelRoute",
      "metadata": [
        "name": "chat", "namespace": "demo", "resourceVersion": .string(resourceVersion), "uid": "uid-chat",
        "creationTimestamp": .string(F.created),
      ],
      "spec": [
        "model": "chat",
        "backends": [["service": "assistant", "weight": 80], ["service": "assistant-canary", "weight": 20]],
        "rateLimit": ["requestsPerMinute": .int(Int64(requestsPerMinute))],
      ],
    ]
  }

  func opened() -> ConsoleState {
    var state = F.state()
    _ = ConsoleReducer.reduce(&state, .object(F.route, .added(Self.route())))
    _ = ConsoleReducer.reduce(&state, .key(.char("e")))
    return state
  }

  /// Moves the focus to `label` and replaces its value with `text`.
  func set(_ label: String, _ text: String, _ state: inout ConsoleState) {
    while let form = state.mode.routeForm, form.form.fields[form.form.focus].label != label {
      _ = ConsoleReducer.reduce(&state, .key(KeyEvent(.tab)))
    }
    let old = state.mode.routeForm?.form.fields.first { $0.label == label }?.value ?? ""
    _ = ConsoleReducer.reduce(&state, Array(repeating: .key(KeyEvent(.backspace)), count: old.count))
    _ = ConsoleReducer.reduce(&state, text.map { .key(.char($0)) })
  }

  @Test("e opens the form with the backends, their weights and sum, and the rate limit")
  func form() {
    let state = opened()
    #expect(state.mode.name == .routeForm)
    let screen = render(state)
    #expect(screen.contains("Edit AIModelRoute demo/chat"))
    #expect(screen.contains("assistant-canary"))
    #expect(screen.contains("weights 80 + 20 = 100 · 80% / 20%"))
    #expect(screen.contains("600"))
  }

  @Test("enter sends the route with the new weights and limit, on the version it was opened on")
  func save() throws {
    var state = opened()
    set("weight 1", "50", &state)
    set("weight 2", "50", &state)
    set("requests/min", "120", &state)
    #expect(render(state).contains("weights 50 + 50 = 100 · 50% / 50%"))
    let effects = ConsoleReducer.reduce(&state, .key(KeyEvent(.enter)))
    guard case .operate(_, .editRoute(let target, let route)) = try #require(effects.first) else {
      Issue.record("no route edit sent: \(effects)")
      return
    }
    #expect(target == Self.ref)
    #expect(
      route[path: ["spec", "backends"]] == [
        ["service": "assistant", "weight": 50], ["service": "assistant-canary", "weight": 50],
      ])
    #expect(route[path: ["spec", "rateLimit", "requestsPerMinute"]] == 120)
    #expect(route[path: ["metadata", "resourceVersion"]] == "7")
    #expect(state.mode.name == .normal)
  }

  @Test("a value that is not a number is refused in the form and the typing stays")
  func localError() {
    var state = opened()
    set("requests/min", "12x", &state)
    #expect(ConsoleReducer.reduce(&state, .key(KeyEvent(.enter))).isEmpty)
    #expect(state.mode.name == .routeForm)
    #expect(render(state).contains("✗ must be a whole number"))
    #expect(render(state).contains("12x"))
  }

  @Test("the server's field errors reopen the form beside the fields, values as typed")
  func serverErrors() {
    var state = opened()
    set("weight 2", "150", &state)
    _ = ConsoleReducer.reduce(&state, .key(KeyEvent(.enter)))
    let failure = OperationError(
      .invalid, "AIModelRoute.ai.aiconsole.dev \"chat\" is invalid",
      fields: [.init(field: "spec.backends[1].weight", message: "must be less than or equal to 100")])
    _ = ConsoleReducer.reduce(&state, .operationFinished(id: 1, changeID: "chg-1", failure: failure))
    #expect(state.mode.name == .routeForm)
    let screen = render(state)
    #expect(screen.contains("✗ must be less than or equal to 100"))
    #expect(screen.contains("150"))
    #expect(state.mode.routeForm?.form.fields[state.mode.routeForm!.form.focus].label == "weight 2")
  }

  @Test("a conflict reopens the form on the route as it is now, with what changed and the edit kept")
  func conflict() throws {
    var state = opened()
    set("weight 1", "60", &state)
    set("weight 2", "40", &state)
    _ = ConsoleReducer.reduce(&state, .key(KeyEvent(.enter)))
    let current = Self.route(requestsPerMinute: 900, resourceVersion: "8")
    let failure = OperationError(.conflict, "the object has been modified", current: current)
    _ = ConsoleReducer.reduce(&state, .operationFinished(id: 1, changeID: "chg-1", failure: failure))
    #expect(state.mode.name == .routeForm)
    let screen = render(state)
    #expect(screen.contains("Changed by someone else meanwhile"))
    #expect(screen.contains("spec.rateLimit.requestsPerMinute: 600 → 900"))
    #expect(screen.contains("weights 60 + 40 = 100"))
    let effects = ConsoleReducer.reduce(&state, .key(KeyEvent(.enter)))
    guard case .operate(_, .editRoute(_, let route)) = try #require(effects.first) else {
      Issue.record("no route edit sent: \(effects)")
      return
    }
    #expect(route[path: ["metadata", "resourceVersion"]] == "8")
    #expect(route[path: ["spec", "rateLimit", "requestsPerMinute"]] == 900)
    #expect(route[path: ["spec", "backends"]]?.arrayValue?.map { $0["weight"] } == [60, 40])
  }

  @Test("server field paths name the form's fields")
  func labels() {
    #expect(RouteForm.label(forField: "spec.backends[0].weight", backendRows: [1, 3]) == "weight 1")
    #expect(RouteForm.label(forField: "spec.backends[1].service", backendRows: [1, 3]) == "backend 3")
    #expect(RouteForm.label(forField: "spec.auth.secretRef", backendRows: []) == "auth secret")
    #expect(RouteForm.label(forField: "metadata.labels", backendRows: []) == nil)
  }

  @Test("a YAML edit that does not parse reopens the editor with the reason on top and the text kept")
  func editorRefusal() throws {
    var state = F.state()
    _ = ConsoleReducer.reduce(&state, .object(F.route, .added(Self.route())))
    _ = ConsoleReducer.reduce(&state, .key(.char("E")))
    let request = try #require(state.editorRequest)
    state.editorRequest = nil
    let broken = request.body.replacingOccurrences(of: "model: chat", with: "model: [chat")
    _ = ConsoleReducer.reduce(&state, .editorClosed(request, .success(broken)))
    let reopened = try #require(state.editorRequest)
    #expect(reopened.body == broken)
    #expect(reopened.fileText.contains("# the edited route is not valid YAML"))
  }

  @Test("a YAML conflict reopens the editor on the current route with the operator's changes applied")
  func editorConflict() throws {
    let request = EditorRequest(Self.ref, route: Self.route())
    var edited = request
    edited.body = request.body.replacingOccurrences(of: "weight: 20", with: "weight: 30")
    let rebased = ConsoleReducer.rebase(edited, onto: Self.route(requestsPerMinute: 900, resourceVersion: "8"))
    let route = try JSONValue.parseYAML(rebased.body)
    #expect(route[path: ["metadata", "resourceVersion"]] == "8")
    #expect(route[path: ["spec", "rateLimit", "requestsPerMinute"]] == 900)
    #expect(route[path: ["spec", "backends"]]?.arrayValue?.map { $0["weight"] } == [80, 30])
    #expect(rebased.fileText.contains("#   spec.rateLimit.requestsPerMinute: 600 → 900"))
  }

  @Test("a conflict over a label lists the label as what changed meanwhile, and the change-id is not listed")
  func labelChangedMeanwhile() throws {
    let request = EditorRequest(Self.ref, route: Self.route())
    var current = Self.route(resourceVersion: "8")
    current.set(["team": "search"], at: ["metadata", "labels"])
    current.set(["ai.aiconsole.dev/change-id": "other"], at: ["metadata", "annotations"])
    let rebased = ConsoleReducer.rebase(request, onto: current)
    #expect(rebased.fileText.contains("#   metadata.labels.team: <none> → search"))
    #expect(!rebased.fileText.contains("change-id: <none>"))
  }
}
