import ClusterClient
import Controller
import Foundation
import KubeCore
import Logging
import Testing

@testable import ConsoleApp

/// Rollback against revisions the real controller recorded, with the controller in-process: the
/// spec goes back, the controller makes the old template current again, and its reconcile
/// records the rollback's change-id.
@Suite("Rollback with the controller running")
struct RollbackWithControllerTests {
  func eventually(_ what: String, _ condition: () async throws -> Bool) async throws {
    // CI runs every suite at once on two cores, hence the wide window.
    let deadline = ContinuousClock.now + .seconds(120)
    while ContinuousClock.now < deadline {
      if (try? await condition()) == true { return }
      try await Task.sleep(for: .milliseconds(100))
    }
    Issue.record("timed out waiting until \(what)")
  }

  @Test("an AICluster goes back to the template of its previous revision")
  func cluster() async throws {
    try await OperationsWorld.with { world in
      var logger = Logger(label: "operations-test")
      logger.logLevel = .warning
      let manager = ControllerManager.aiController(
        client: world.client, runtime: .simulated, fleet: .init(nodes: 1, gpusPerNode: 8, tick: .milliseconds(100)),
        election: nil, logger: logger)
      let running = Task { await manager.run() }
      defer { running.cancel() }
      try await world.create(.aiCluster, "llama", spec: ["modelName": "llama", "modelVersion": "v1", "replicas": 1])
      try await eventually("revision 1 is current") { try await revisionCount(world) == 1 }
      _ = try await world.client.patch(
        OperationKind.aiCluster.resource, name: "llama", namespace: "default", .merge(["spec": ["modelVersion": "v2"]]))
      try await eventually("revision 2 is recorded") { try await revisionCount(world) == 2 }
      let result = try await world.operations().rollback(.aiCluster, "llama")
      #expect(result.changes.map(\.description) == ["spec.modelVersion: v2 → v1"])
      try await eventually("the controller reconciled the rollback") {
        let object = try await world.get(.aiCluster, "llama")
        let newest = try await world.operations().revisions(.aiCluster, "llama").last?.name ?? ""
        return object[path: ["status", "reconcile", "changeID"]] == .string(result.changeID)
          && object[path: ["status", "currentRevision"]] == .string(newest)
      }
      let revisions = try await world.operations().revisions(.aiCluster, "llama")
      #expect(revisions.count == 2)
      #expect(revisions.last?.data["modelVersion"] == "v1")
      running.cancel()
      await running.value
    }
  }

  func revisionCount(_ world: OperationsWorld) async throws -> Int {
    try await world.operations().revisions(.aiCluster, "llama").count
  }
}
