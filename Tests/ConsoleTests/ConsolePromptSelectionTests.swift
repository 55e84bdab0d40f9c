import ClusterClient
import Foundation
import KubeCore
import Testing
import Views

@testable import ConsoleApp

/// Prompts and form fields opened on a current value select it, so typing replaces it (scale `2`,
/// type `5`: 5, not 25); ctrl-u clears a form field; Tab completes a kind's whole short name.
@Suite("Console prompts opened on a value")
struct ConsolePromptSelectionTests {
  typealias F = ConsoleFixtures

  @Test("scale opened on 2: typing 5 scales to 5")
  func scaleReplaces() {
    var state = F.state()
    _ = ConsoleReducer.reduce(&state, .object(F.aiCluster, .added(F.cluster("llama", replicas: 2))))
    _ = ConsoleReducer.reduce(&state, .key(.char("s")))
    #expect(state.mode.prompt?.isSelected == true)
    let effects = ConsoleReducer.reduce(&state, [.key(.char("5")), .key(KeyEvent(.enter))])
    let ref = ObjectIdentity(F.aiCluster, namespace: "demo", name: "llama")
    #expect(effects == [.operate(id: 1, .scale(ref, replicas: 5))])
  }

  @Test("the filter prompt opened on the current filter: typing replaces it")
  func filterReplaces() {
    var state = F.state()
    _ = ConsoleReducer.reduce(&state, [.key(.char("/"))] + "llama".map { .key(.char($0)) } + [.key(KeyEvent(.enter))])
    _ = ConsoleReducer.reduce(&state, [.key(.char("/")), .key(.char("q")), .key(KeyEvent(.enter))])
    #expect(state.table.filter == "q")
  }

  @Test("a route form field the focus moves to: typing replaces its value, ctrl-u clears it")
  func formReplaces() {
    var state = F.state()
    _ = ConsoleReducer.reduce(&state, .object(F.route, .added(ConsoleRouteEditTests.route())))
    _ = ConsoleReducer.reduce(&state, [.key(.char("e")), .key(KeyEvent(.tab)), .key(.char("5"))])
    #expect(state.mode.routeForm?.form.values["weight 1"] == "5")
    _ = ConsoleReducer.reduce(&state, [.key(KeyEvent(.tab)), .key(KeyEvent(.tab)), .key(.ctrl("u"))])
    #expect(state.mode.routeForm?.form.values["weight 2"] == "")
  }

  @Test("Tab after :in completes to :infsvc, the kind's short name, not :inf")
  func completesShortName() {
    var state = F.state()
    _ = ConsoleReducer.reduce(&state, [.key(.char(":")), .key(.char("i")), .key(.char("n")), .key(KeyEvent(.tab))])
    #expect(state.mode.prompt?.text == "infsvc")
    let effects = ConsoleReducer.reduce(&state, .key(KeyEvent(.enter)))
    #expect(effects.isEmpty)
    #expect(state.listing == .kind(F.inferenceService))
  }

  @Test("Tab after :a completes what the kinds share and lists them in the prompt")
  func listsKinds() {
    var state = F.state()
    _ = ConsoleReducer.reduce(&state, [.key(.char(":")), .key(.char("a")), .key(KeyEvent(.tab))])
    #expect(state.mode.prompt?.text == "ai")
    #expect(state.mode.prompt?.alternatives == ["ai", "aic", "airoute"])
    #expect(render(state).contains(":ai  ai aic airoute"))
  }
}
