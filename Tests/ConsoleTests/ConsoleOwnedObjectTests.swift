import ClusterClient
import Foundation
import KubeCore
import Testing
import Views

@testable import ConsoleApp

/// `s` and `r` on an object whose controller sets what they would change (an AICluster an
/// InferenceService owns): refused with the owner and the field that wins, and one key away from
/// doing it on the owner instead.
@Suite("Console operations on owned objects")
struct ConsoleOwnedObjectTests {
  typealias F = ConsoleFixtures

  static let service: JSONValue = [
    "apiVersion": "ai.aiconsole.dev/v1", "kind": "InferenceService",
    "metadata": [
      "name": "assistant", "namespace": "demo", "uid": "uid-svc", "generation": 1,
      "creationTimestamp": .string(F.created),
    ],
    "spec": ["modelRef": ["name": "llama-3-8b-v1"], "replicas": 2],
  ]

  /// The AICluster `assistant`, owned by the service, selected.
  func ownedClusterSelected() -> ConsoleState {
    var state = F.state()
    var cluster = F.cluster("assistant", labels: ["ai.aiconsole.dev/role": "stable"])
    cluster.set(
      [
        [
          "apiVersion": "ai.aiconsole.dev/v1", "kind": "InferenceService", "name": "assistant", "uid": "uid-svc",
          "controller": true, "blockOwnerDeletion": true,
        ]
      ], at: ["metadata", "ownerReferences"])
    _ = ConsoleReducer.reduce(&state, .object(F.inferenceService, .added(Self.service)))
    _ = ConsoleReducer.reduce(&state, .object(F.aiCluster, .added(cluster)))
    _ = ConsoleReducer.reduce(&state, ":aic".map { .key(.char($0)) } + [.key(KeyEvent(.enter))])
    return state
  }

  /// The open dialog's question.
  func dialogText(_ state: ConsoleState) -> String { state.mode.dialog?.message ?? "" }

  @Test("s on an owned AICluster names the owner and the field that wins, and sends nothing")
  func scaleRefused() {
    var state = ownedClusterSelected()
    #expect(state.selection?.resource.kind == "AICluster")
    let effects = ConsoleReducer.reduce(&state, .key(.char("s")))
    #expect(effects.isEmpty)
    #expect(state.mode.name == .confirm)
    let screen = dialogText(state)
    #expect(render(state).contains("AICluster demo/assistant is controlled by InferenceService assistant"))
    #expect(screen.contains("spec.replicas (or spec.scaling) wins"))
    #expect(screen.contains("Scale InferenceService demo/assistant instead?"))
    #expect(ConsoleReducer.reduce(&state, .key(.char("n"))).isEmpty)
    #expect(state.mode.name == .normal)
    #expect(state.activity.isEmpty)
  }

  @Test("y opens the scale prompt of the owner, and enter scales the owner")
  func scaleOwnerInstead() {
    var state = ownedClusterSelected()
    _ = ConsoleReducer.reduce(&state, [.key(.char("s")), .key(.char("y"))])
    #expect(state.mode.name == .operationPrompt)
    #expect(render(state).contains("scale InferenceService demo/assistant (now 2"))
    state.mode = state.mode.editingPrompt { $0.setText("3") }
    let effects = ConsoleReducer.reduce(&state, .key(KeyEvent(.enter)))
    let owner = ObjectIdentity(F.inferenceService, namespace: "demo", name: "assistant")
    #expect(effects == [.operate(id: 1, .scale(owner, replicas: 3))])
  }

  @Test("r on an owned AICluster offers to roll back the owner's spec.modelRef")
  func rollbackRefused() {
    var state = ownedClusterSelected()
    _ = ConsoleReducer.reduce(&state, .key(.char("r")))
    #expect(state.mode.name == .confirm)
    let screen = dialogText(state)
    #expect(screen.contains("spec.modelRef wins"))
    #expect(screen.contains("Roll back InferenceService demo/assistant instead?"))
  }

  @Test("an owner the console does not show is named, and nothing opens")
  func ownerNotCached() {
    var state = F.state()
    var cluster = F.cluster("pool")
    cluster.set(
      [["apiVersion": "example.com/v1", "kind": "Fleet", "name": "f", "uid": "u", "controller": true]],
      at: ["metadata", "ownerReferences"])
    _ = ConsoleReducer.reduce(&state, .object(F.aiCluster, .added(cluster)))
    _ = ConsoleReducer.reduce(&state, .key(.char("s")))
    #expect(state.mode.name == .normal)
    #expect(render(state).contains("cannot scale aicluster/pool: it is controlled by fleet/f"))
  }
}
