import ClusterClient
import Controller
import Foundation
import KubeCore
import Logging
import Synchronization
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
    try await withTwoRevisions { world, reconciles in
      let result = try await world.operations().rollback(.aiCluster, "llama")
      #expect(result.changes.map(\.description) == ["spec.modelVersion: v2 → v1"])
      try await eventually("the controller reconciled the rollback") {
        let object = try await world.get(.aiCluster, "llama")
        let newest = try await world.operations().revisions(.aiCluster, "llama").last?.name ?? ""
        return reconciles.changeIDs(atGeneration: 3).contains(result.changeID)
          && object[path: ["status", "currentRevision"]] == .string(newest)
      }
      let revisions = try await world.operations().revisions(.aiCluster, "llama")
      #expect(revisions.count == 2)
      #expect(revisions.last?.data["modelVersion"] == "v1")
    }
  }

  @Test("a rollback's change-id is credited to the rollback's reconcile, never to a later edit's")
  func changeIDBelongsToItsGeneration() async throws {
    try await withTwoRevisions { world, reconciles in
      let rollback = try await world.operations().rollback(.aiCluster, "llama")
      try await eventually("the rollback's reconcile reports its change-id") {
        reconciles.changeIDs(atGeneration: 3).contains(rollback.changeID)
      }
      // As kubectl would: a spec edit that leaves the annotation as it was.
      let edited = try await world.client.patch(
        OperationKind.aiCluster.resource, name: "llama", namespace: "default", .merge(["spec": ["modelVersion": "v3"]]))
      #expect(edited[path: ["metadata", "annotations", ChangeID.annotation]] == .string(rollback.changeID))
      try await eventually("the edit of generation 4 is reconciled") {
        reconciles.results(atGeneration: 4).contains("Success")
      }
      #expect(reconciles.changeIDs(atGeneration: 4).isEmpty)
      #expect(reconciles.changeIDs(atGeneration: 3) == [rollback.changeID])
      // The rollback stays recorded with the reconcile that acted on it.
      let lastChange = try await world.get(.aiCluster, "llama")[path: ["status", "reconcile", "lastChange"]]
      #expect(lastChange?["changeID"] == .string(rollback.changeID))
      #expect(lastChange?["generation"] == 3)
    }
  }

  /// Runs `body` with the controller in-process and AICluster `llama` at its second revision
  /// (generation 2, model v2), its reconciles watched from before the second.
  func withTwoRevisions(_ body: (OperationsWorld, ReconcileLog) async throws -> Void) async throws {
    try await OperationsWorld.with { world in
      var logger = Logger(label: "operations-test")
      logger.logLevel = .warning
      let manager = ControllerManager.aiController(
        client: world.client, runtime: .simulated, fleet: .init(nodes: 1, gpusPerNode: 8, tick: .milliseconds(100)),
        election: nil, logger: logger)
      let running = Task { await manager.run() }
      try await world.create(.aiCluster, "llama", spec: ["modelName": "llama", "modelVersion": "v1", "replicas": 1])
      try await eventually("revision 1 is current") { try await revisionCount(world) == 1 }
      let reconciles = try await ReconcileLog.watching(world, "llama")
      defer { reconciles.stop() }
      _ = try await world.client.patch(
        OperationKind.aiCluster.resource, name: "llama", namespace: "default", .merge(["spec": ["modelVersion": "v2"]]))
      try await eventually("revision 2 is recorded") { try await revisionCount(world) == 2 }
      do {
        try await body(world, reconciles)
      } catch {
        running.cancel()
        await running.value
        throw error
      }
      running.cancel()
      await running.value
    }
  }

  func revisionCount(_ world: OperationsWorld) async throws -> Int {
    try await world.operations().revisions(.aiCluster, "llama").count
  }
}

/// Every reconcile an object's watch shows: the generation it observed, its result and change-id.
final class ReconcileLog: Sendable {
  private struct Entry: Sendable {
    var generation: Int64
    var result: String
    var changeID: String?
  }

  private let entries = Mutex<[Entry]>([])
  private let task = Mutex<Task<Void, Never>?>(nil)

  /// Watches AICluster `name` from now until `stop`.
  static func watching(_ world: OperationsWorld, _ name: String) async throws -> ReconcileLog {
    let log = ReconcileLog()
    let events = try await world.client.watch(
      OperationKind.aiCluster.resource, namespace: "default",
      options: ListOptions(fieldSelector: "metadata.name=\(name)"))
    let task = Task {
      do {
        for try await event in events { log.record(event.object) }
      } catch {}
    }
    log.task.withLock { $0 = task }
    return log
  }

  private func record(_ object: JSONValue) {
    guard let generation = object[path: ["status", "observedGeneration"]]?.intValue,
      let reconcile = object[path: ["status", "reconcile"]], let result = reconcile["result"]?.stringValue
    else { return }
    let entry = Entry(generation: generation, result: result, changeID: reconcile["changeID"]?.stringValue)
    entries.withLock { $0.append(entry) }
  }

  /// The change-ids reported by reconciles that observed `generation`.
  func changeIDs(atGeneration generation: Int64) -> Set<String> {
    entries.withLock { Set($0.filter { $0.generation == generation }.compactMap(\.changeID)) }
  }

  /// The results of reconciles that observed `generation`.
  func results(atGeneration generation: Int64) -> [String] {
    entries.withLock { $0.filter { $0.generation == generation }.map(\.result) }
  }

  func stop() { task.withLock { $0?.cancel() } }
}
