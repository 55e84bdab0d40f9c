import ClusterClient
import Foundation
import KubeCore
import Testing
import Views

@testable import ConsoleApp

@Suite("Console operations")
struct ConsoleOperationsTests {
  typealias F = ConsoleFixtures

  func selected(_ object: JSONValue, readOnly: Bool = false) -> ConsoleState {
    var state = F.state()
    state.world.readOnly = readOnly
    _ = ConsoleReducer.reduce(&state, .object(F.aiCluster, .added(object)))
    return state
  }

  func type(_ text: String, _ state: inout ConsoleState) -> [ConsoleEffect] {
    ConsoleReducer.reduce(&state, text.map { .key(.char($0)) } + [.key(KeyEvent(.enter))])
  }

  @Test("s opens a prompt with the current replicas; enter sends one scale and records it")
  func scale() {
    var state = selected(F.cluster("llama", replicas: 2))
    _ = ConsoleReducer.reduce(&state, .key(.char("s")))
    #expect(state.mode.name == .operationPrompt)
    #expect(render(state).contains("scale AICluster demo/llama (now 2, 0–1000) to: 2"))
    let effects = ConsoleReducer.reduce(
      &state, [.key(KeyEvent(.backspace)), .key(.char("5")), .key(KeyEvent(.enter))])
    let ref = ObjectIdentity(F.aiCluster, namespace: "demo", name: "llama")
    #expect(effects == [.operate(id: 1, .scale(ref, replicas: 5))])
    #expect(state.activity.map(\.summary) == ["scale AICluster demo/llama to 5"])
    #expect(render(state).contains("sending…"))
  }

  @Test("a value out of bounds is refused before sending, and the typed text stays")
  func outOfBounds() {
    var state = selected(F.cluster("llama"))
    _ = ConsoleReducer.reduce(&state, [.key(.char("s")), .key(KeyEvent(.backspace))])
    let effects = type("2000", &state)
    #expect(effects.isEmpty)
    #expect(state.mode.name == .operationPrompt)
    #expect(state.mode.prompt?.text == "2000")
    #expect(render(state).contains("cannot scale aicluster/llama to 2000: replicas must be within 0..1000"))
  }

  @Test("the result and then the reconcile with the same change-id complete the activity row")
  func activity() {
    var state = selected(F.cluster("llama"))
    _ = ConsoleReducer.reduce(&state, [.key(.char("s")), .key(KeyEvent(.backspace))])
    _ = type("3", &state)
    _ = ConsoleReducer.reduce(&state, .operationFinished(id: 1, changeID: "chg-1", failure: nil))
    #expect(render(state).contains("change chg-1 · awaiting reconcile"))
    var reconciled = F.cluster("llama", replicas: 3)
    reconciled = JSONValue.object(
      reconciled.objectValue!.merging(
        ["status": ["reconcile": ["result": "Success", "changeID": "chg-1", "durationMillis": 7]]]
      ) { _, new in new })
    _ = ConsoleReducer.reduce(&state, .object(F.aiCluster, .modified(old: F.cluster("llama"), new: reconciled)))
    #expect(render(state).contains("reconciled: Success in 7ms"))
  }

  @Test("the reconcile that acted on a change completes its row, and a later one that acted on none leaves it")
  func activityKeepsTheActingReconcile() throws {
    var state = selected(F.cluster("llama"))
    _ = ConsoleReducer.reduce(&state, [.key(.char("s")), .key(KeyEvent(.backspace))])
    _ = type("3", &state)
    _ = ConsoleReducer.reduce(&state, .operationFinished(id: 1, changeID: "chg-1", failure: nil))
    var acted = F.cluster("llama", replicas: 3)
    let record: JSONValue = ["changeID": "chg-1", "reconcileID": "r-2", "result": "Success", "durationMillis": 40]
    acted.set(
      ["result": "Success", "changeID": "chg-1", "durationMillis": 40, "lastChange": record],
      at: ["status", "reconcile"])
    _ = ConsoleReducer.reduce(&state, .object(F.aiCluster, .modified(old: F.cluster("llama"), new: acted)))
    var later = acted
    later.set(
      ["result": "Success", "changeID": nil, "durationMillis": 2, "lastChange": record], at: ["status", "reconcile"])
    _ = ConsoleReducer.reduce(&state, .object(F.aiCluster, .modified(old: acted, new: later)))
    #expect(state.activity.first?.reconcile == "Success in 40ms")
  }

  @Test("ctrl-d asks first, naming the object; no sends nothing, yes sends one delete")
  func delete() {
    var state = selected(F.cluster("llama"))
    _ = ConsoleReducer.reduce(&state, .key(.ctrl("d")))
    #expect(render(state).contains("Delete AICluster demo/llama?"))
    #expect(ConsoleReducer.reduce(&state, .key(.char("n"))).isEmpty)
    #expect(state.mode.name == .normal)
    _ = ConsoleReducer.reduce(&state, .key(.ctrl("d")))
    let effects = ConsoleReducer.reduce(&state, .key(.char("y")))
    #expect(effects.count == 1)
    #expect(state.activity.last?.summary == "delete AICluster demo/llama")
  }

  @Test("read-only refuses every mutating key with a message and sends nothing")
  func readOnly() {
    var state = selected(F.cluster("llama"), readOnly: true)
    for key in [KeyEvent.char("s"), .char("P"), .ctrl("d")] {
      #expect(ConsoleReducer.reduce(&state, .key(key)).isEmpty)
      #expect(state.mode.name == .normal)
    }
    #expect(render(state).contains("read-only: 'delete' is disabled"))
  }

  @Test("canary takes a percent, promote or abort; anything else is explained")
  func canaryValues() throws {
    let ref = ObjectIdentity(F.inferenceService, namespace: "demo", name: "assistant")
    #expect(try ConsoleReducer.operation(for: .canary(ref), "35%") == .canaryTraffic(ref, percent: 35))
    #expect(try ConsoleReducer.operation(for: .canary(ref), "promote") == .canaryPromote(ref))
    #expect(try ConsoleReducer.operation(for: .canary(ref), "abort") == .canaryAbort(ref))
    #expect(throws: ConsoleReducer.InvalidValue.self) { try ConsoleReducer.operation(for: .canary(ref), "150") }
  }
}
