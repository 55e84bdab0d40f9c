import ClusterClient
import Foundation
import KubeCore
import Testing

@testable import ConsoleApp

/// The operations over real loopback HTTPS against the embedded server, asserting on the stored
/// objects and their change-id annotations.
@Suite("ClusterOperations against the embedded server")
struct ClusterOperationsTests {
  static let changeID = ["metadata", "annotations", "ai.aiconsole.dev/change-id"]

  @Test("scale writes replicas through the scale subresource, with a change-id, and bounds are checked first")
  func scale() async throws {
    try await OperationsWorld.with { world in
      try await world.create(.aiCluster, "llama", spec: ["modelName": "llama", "replicas": 1])
      let operations = world.operations()
      let result = try await operations.scale(.aiCluster, "llama", replicas: 3)
      #expect(result.summary == "aicluster/llama scaled to 3 (was 1)")
      #expect(result.object["kind"] == "Scale")
      let stored = try await world.get(.aiCluster, "llama")
      #expect(stored[path: ["spec", "replicas"]] == 3)
      #expect(stored[path: Self.changeID] == .string(result.changeID))
      await #expect(throws: OperationError.self) { try await operations.scale(.aiCluster, "llama", replicas: 1001) }
      #expect(try await world.get(.aiCluster, "llama")[path: ["spec", "replicas"]] == 3)
      let audit = try world.auditLines()
      #expect(audit.map { $0["result"] } == ["ok", "error"])
      #expect(audit.first?["object"] == "default/aicluster/llama")
      #expect(audit.first?["changeID"] == .string(result.changeID))
    }
  }

  @Test("scale and rollback of an AICluster its InferenceService controls are refused, naming the owner and the field")
  func ownedByService() async throws {
    try await OperationsWorld.with { world in
      let service = try await world.create(
        .inferenceService, "assistant", spec: ["modelRef": ["name": "m"], "replicas": 2])
      _ = try await world.client.create(
        OperationKind.aiCluster.resource,
        [
          "apiVersion": "ai.aiconsole.dev/v1", "kind": "AICluster",
          "metadata": [
            "name": "assistant", "namespace": "default",
            "ownerReferences": [
              [
                "apiVersion": "ai.aiconsole.dev/v1", "kind": "InferenceService", "name": "assistant",
                "uid": service[path: ["metadata", "uid"]] ?? "", "controller": true,
              ]
            ],
          ],
          "spec": ["modelName": "llama", "replicas": 2],
        ])
      let operations = world.operations()
      do {
        _ = try await operations.scale(.aiCluster, "assistant", replicas: 3)
        Issue.record("the scale of an owned AICluster was sent")
      } catch let error as OperationError {
        #expect(error.kind == .ownedByController)
        #expect(
          error.message
            == "cannot scale aicluster/assistant: it is controlled by inferenceservice/assistant, whose spec.replicas "
            + "(or spec.scaling) wins, so the change would be reverted by its next reconcile; "
            + "scale inferenceservice/assistant instead")
      }
      await #expect(throws: OperationError.self) { try await operations.rollback(.aiCluster, "assistant") }
      let stored = try await world.get(.aiCluster, "assistant")
      #expect(stored[path: ["spec", "replicas"]] == 2)
      #expect(stored[path: Self.changeID] == nil)
      #expect(try world.auditLines().map { $0["result"] } == ["error", "error"])
    }
  }

  @Test("a status write between the change-id and the scale (the controller answering it) is retried, not a conflict")
  func scaleBesideTheControllersStatusWrites() async throws {
    try await OperationsWorld.with { world in
      try await world.create(.aiCluster, "llama", spec: ["modelName": "llama", "replicas": 1])
      let operations = world.operations()
      let controller = Task { try await world.answerChangeIDs(.aiCluster, "llama") }
      for replicas in 2...31 {
        let result = try await operations.scale(.aiCluster, "llama", replicas: replicas)
        #expect(result.summary == "aicluster/llama scaled to \(replicas) (was \(replicas - 1))")
      }
      controller.cancel()
      #expect(try await controller.value > 0)
      let stored = try await world.get(.aiCluster, "llama")
      #expect(stored[path: ["spec", "replicas"]] == 31)
      #expect(stored[path: Self.changeID] == "change-30")
      #expect(try world.auditLines().allSatisfy { $0["result"] == "ok" })
    }
  }

  @Test("rollback restores an AICluster's earlier instance template")
  func rollbackCluster() async throws {
    try await OperationsWorld.with { world in
      let cluster = try await world.create(
        .aiCluster, "llama", spec: ["modelName": "llama", "modelVersion": "v2", "image": "vllm:2"])
      for (number, version, image) in [(Int64(1), "v1", "vllm:1"), (2, "v2", "vllm:2")] {
        try await world.createRevision(
          of: cluster, label: "ai.aiconsole.dev/cluster", number: number,
          data: ["modelName": "llama", "modelVersion": .string(version), "image": .string(image), "port": 8000])
      }
      let result = try await world.operations().rollback(.aiCluster, "llama")
      #expect(result.changes.map(\.description) == ["spec.modelVersion: v2 → v1", "spec.image: vllm:2 → vllm:1"])
      let stored = try await world.get(.aiCluster, "llama")
      #expect(stored[path: ["spec", "modelVersion"]] == "v1")
      #expect(stored[path: ["spec", "image"]] == "vllm:1")
      #expect(stored[path: Self.changeID] == .string(result.changeID))
    }
  }

  @Test("rollback sets an InferenceService's modelRef back, to the revision asked for")
  func rollbackService() async throws {
    try await OperationsWorld.with { world in
      let service = try await world.create(
        .inferenceService, "chat", spec: ["modelRef": ["name": "m3"], "replicas": 1])
      for number in Int64(1)...3 {
        try await world.createRevision(
          of: service, label: "ai.aiconsole.dev/inferenceservice", number: number,
          data: ["modelRef": ["name": .string("m\(number)")], "modelName": "m", "modelVersion": .string("v\(number)")])
      }
      let operations = world.operations()
      _ = try await operations.rollback(.inferenceService, "chat", toRevision: 1)
      #expect(try await world.get(.inferenceService, "chat")[path: ["spec", "modelRef", "name"]] == "m1")
      await #expect(throws: OperationError.self) {
        try await operations.rollback(.inferenceService, "chat", toRevision: 9)
      }
    }
  }

  @Test("canary traffic, promote and abort each edit the InferenceService once")
  func canary() async throws {
    try await OperationsWorld.with { world in
      let spec: JSONValue = ["modelRef": ["name": "stable"], "replicas": 2, "canary": ["modelRef": ["name": "next"]]]
      try await world.create(.inferenceService, "chat", spec: spec)
      try await world.create(.inferenceService, "other", spec: spec)
      let operations = world.operations()
      let traffic = try await operations.setCanaryTraffic("chat", percent: 30)
      #expect(traffic.summary == "inferenceservice/chat canary takes 30% of the traffic (was 10%)")
      #expect(try await world.get(.inferenceService, "chat")[path: ["spec", "canary", "trafficPercent"]] == 30)
      await #expect(throws: OperationError.self) { try await operations.setCanaryTraffic("chat", percent: 101) }
      let promoted = try await operations.promoteCanary("chat")
      let chat = try await world.get(.inferenceService, "chat")
      #expect(chat[path: ["spec", "modelRef", "name"]] == "next")
      #expect(chat[path: ["spec", "canary"]] == nil)
      #expect(chat[path: Self.changeID] == .string(promoted.changeID))
      _ = try await operations.abortCanary("other")
      let other = try await world.get(.inferenceService, "other")
      #expect(other[path: ["spec", "modelRef", "name"]] == "stable")
      #expect(other[path: ["spec", "canary"]] == nil)
      await #expect(throws: OperationError.self) { try await operations.abortCanary("other") }
    }
  }

  @Test("pause and resume set spec.paused")
  func pause() async throws {
    try await OperationsWorld.with { world in
      try await world.create(.aiCluster, "llama", spec: ["modelName": "llama"])
      _ = try await world.operations().setPaused("llama", true)
      #expect(try await world.get(.aiCluster, "llama")[path: ["spec", "paused"]] == true)
      _ = try await world.operations().setPaused("llama", false)
      #expect(try await world.get(.aiCluster, "llama")[path: ["spec", "paused"]] == false)
    }
  }

  @Test("read-only operations refuse every mutation before sending, and say so")
  func readOnly() async throws {
    try await OperationsWorld.with { world in
      try await world.create(.aiCluster, "llama", spec: ["modelName": "llama", "replicas": 1])
      let operations = world.operations(readOnly: true)
      do throws(OperationError) {
        _ = try await operations.scale(.aiCluster, "llama", replicas: 4)
        Issue.record("scaled in read-only mode")
      } catch {
        #expect(error.kind == .readOnly)
        #expect(error.message == "read-only mode: scale of aicluster/llama refused, nothing was changed")
      }
      await #expect(throws: OperationError.self) { try await operations.setPaused("llama", true) }
      await #expect(throws: OperationError.self) { try await operations.delete(.aiCluster, "llama") }
      let stored = try await world.get(.aiCluster, "llama")
      #expect(stored[path: ["spec", "replicas"]] == 1)
      #expect(stored[path: Self.changeID] == nil)
      #expect(try world.auditLines().allSatisfy { $0["result"] == "error" && $0["changeID"] == .null })
    }
  }

  @Test("delete names what the object owns, then deletes it")
  func delete() async throws {
    try await OperationsWorld.with { world in
      let cluster = try await world.create(.aiCluster, "llama", spec: ["modelName": "llama"])
      _ = try await world.client.create(
        ClusterOperations.pods,
        [
          "apiVersion": "v1", "kind": "Pod",
          "metadata": [
            "name": "llama-0", "namespace": "default",
            "ownerReferences": [
              [
                "apiVersion": "ai.aiconsole.dev/v1", "kind": "AICluster", "name": "llama",
                "uid": cluster[path: ["metadata", "uid"]] ?? "",
              ]
            ],
          ],
          "spec": ["containers": [["name": "model", "image": "vllm"]]],
        ])
      let operations = world.operations()
      #expect(try await operations.dependents(.aiCluster, "llama") == ["pod/llama-0"])
      let result = try await operations.delete(.aiCluster, "llama")
      #expect(result.summary == "aicluster/llama deleted with 1 dependent (pod/llama-0)")
      await #expect(throws: KubeError.self) { try await world.get(.aiCluster, "llama") }
    }
  }
}
