import ClusterClient
import Foundation
import KubeCore
import Testing
import Views

@testable import ConsoleApp

@Suite("Console rollback picker")
struct ConsoleRollbackTests {
  typealias F = ConsoleFixtures

  static func revision(_ number: Int, version: String, owner: String = "uid-llama") -> JSONValue {
    [
      "apiVersion": "apps/v1", "kind": "ControllerRevision",
      "metadata": [
        "name": .string("llama-rev\(number)"), "namespace": "demo", "creationTimestamp": .string(F.created),
        "ownerReferences": [["kind": "AICluster", "name": "llama", "uid": .string(owner)]],
      ],
      "revision": .int(Int64(number)),
      "data": ["modelName": "llama-3-8b", "modelVersion": .string(version), "port": 8000],
    ]
  }

  func selectedWithRevisions() -> ConsoleState {
    var state = F.state()
    _ = ConsoleReducer.reduce(
      &state,
      [
        .object(F.aiCluster, .added(F.cluster("llama"))),
        .related(.revisions, .added(Self.revision(1, version: "v1"))),
        .related(.revisions, .added(Self.revision(2, version: "v2"))),
        .related(.revisions, .added(Self.revision(9, version: "v9", owner: "someone-else"))),
      ])
    return state
  }

  @Test("r lists the object's own revisions newest first, the previous one selected, with its diff")
  func picker() throws {
    var state = selectedWithRevisions()
    _ = ConsoleReducer.reduce(&state, .key(.char("r")))
    #expect(state.mode.name == .rollback)
    let screen = render(state)
    #expect(screen.contains("Roll back AICluster demo/llama"))
    #expect(screen.contains("(current spec)"))
    #expect(screen.contains("modelVersion v2 → v1"))
    #expect(screen.contains("- spec.modelVersion: v2"))
    #expect(screen.contains("+ spec.modelVersion: v1"))
    #expect(!screen.contains("v9"))
    let picker = try #require(state.mode.rollbackPicker)
    #expect(picker.entries.map(\.number) == [2, 1])
    #expect(picker.entry.number == 1)
  }

  @Test("enter asks to confirm; yes sends one rollback to the chosen revision")
  func confirm() {
    var state = selectedWithRevisions()
    _ = ConsoleReducer.reduce(&state, [.key(.char("r")), .key(KeyEvent(.enter))])
    #expect(state.mode.name == .confirm)
    #expect(render(state).contains("Roll AICluster demo/llama back to revision 1"))
    let effects = ConsoleReducer.reduce(&state, .key(.char("y")))
    let ref = ObjectIdentity(F.aiCluster, namespace: "demo", name: "llama")
    #expect(effects == [.operate(id: 1, .rollback(ref, toRevision: 1))])
    #expect(state.activity.last?.summary == "roll back AICluster demo/llama to revision 1")
  }

  @Test("the current revision cannot be chosen, and esc closes without sending")
  func currentAndEscape() {
    var state = selectedWithRevisions()
    _ = ConsoleReducer.reduce(&state, [.key(.char("r")), .key(.char("k"))])
    #expect(ConsoleReducer.reduce(&state, .key(KeyEvent(.enter))).isEmpty)
    #expect(render(state).contains("revision 2 is what the spec says already"))
    #expect(ConsoleReducer.reduce(&state, .key(KeyEvent(.escape))).isEmpty)
    #expect(state.mode.name == .normal)
    #expect(state.activity.isEmpty)
  }

  @Test("an object with one revision says there is nothing to roll back to")
  func nothingEarlier() {
    var state = F.state()
    _ = ConsoleReducer.reduce(
      &state,
      [
        .object(F.aiCluster, .added(F.cluster("llama"))),
        .related(.revisions, .added(Self.revision(2, version: "v2"))),
      ])
    _ = ConsoleReducer.reduce(&state, .key(.ctrl("l")))
    #expect(state.mode.name == .normal)
    #expect(render(state).contains("AICluster demo/llama has no earlier revision to roll back to"))
  }
}
