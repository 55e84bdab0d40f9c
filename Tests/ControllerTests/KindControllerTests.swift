import ClusterClient
import ClusterTestSupport
import Controller
import Foundation
import KubeCore
import Logging
import Testing

/// A reconciler that records `status.observedGeneration`, counting how many reconciles of one key
/// overlap and failing the first attempts of keys named `flaky-*`.
actor ObservingReconciler: Reconciler {
  nonisolated let resource = KindControllerTests.aiclusters
  let writer: StatusWriter
  private var running: Set<NamespacedName> = []
  private(set) var overlaps = 0
  private(set) var attempts: [String: Int] = [:]
  private(set) var reconcileIDs: Set<String> = []

  init(client: KubeClient) { writer = StatusWriter(client: client) }

  func reconcile(_ request: ReconcileRequest) async throws -> ReconcileResult {
    if !running.insert(request.key).inserted { overlaps += 1 }
    defer { running.remove(request.key) }
    reconcileIDs.insert(request.reconcileID)
    attempts[request.key.name, default: 0] += 1
    if request.key.name.hasPrefix("flaky"), attempts[request.key.name, default: 0] < 3 {
      throw KubeError.transport("simulated failure")
    }
    try await Task.sleep(for: .milliseconds(5))
    let reconcileID = request.reconcileID
    try await writer.update(resource, request.key) { object in
      let generation = object[path: ["metadata", "generation"]] ?? 0
      object.set(generation, at: ["status", "observedGeneration"])
      object.set(.string(reconcileID), at: ["status", "reconcile", "reconcileID"])
    }
    return .done
  }
}

@Suite(.serialized, .timeLimit(.minutes(5))) struct KindControllerTests {
  static let aiclusters = APIResource(
    group: "ai.aiconsole.dev", version: "v1", name: "aiclusters", kind: "AICluster", namespaced: true,
    subresources: ["status", "scale"])

  static func cluster(_ name: String) -> JSONValue {
    [
      "apiVersion": "ai.aiconsole.dev/v1", "kind": "AICluster",
      "metadata": ["name": .string(name), "namespace": "default"],
      "spec": ["replicas": 1, "modelName": "llama", "modelVersion": "1", "image": "vllm/vllm-openai:v0.6"],
    ]
  }

  @Test func everyObjectEndsReconciledAtItsGenerationWithRetriesAndNoOverlap() async throws {
    let server = try await EmbeddedServer.start()
    let client = try KubeClient(configuration: .load(kubeconfig: server.kubeconfigPath, rateLimit: .unlimited))
    let reconciler = ObservingReconciler(client: client)
    let controller = KindController(client: client, reconciler: reconciler, workers: 4, logger: Logger(label: "test"))
    let running = Task { await controller.run() }
    for index in 0..<40 { _ = try await client.create(Self.aiclusters, Self.cluster("c\(index)")) }
    _ = try await client.create(Self.aiclusters, Self.cluster("flaky-one"))
    _ = try await client.patch(
      Self.aiclusters, name: "c1", namespace: "default",
      .merge(["metadata": ["annotations": ["ai.aiconsole.dev/change-id": "chg-42"]], "spec": ["replicas": 2]]))
    for index in 0..<40 where index % 3 == 0 {
      _ = try await client.patch(
        Self.aiclusters, name: "c\(index)", namespace: "default", .merge(["spec": ["modelVersion": "2"]]))
    }
    var settled = false
    // Alone this settles in about two seconds; CI runs every suite at once on two cores.
    for _ in 0..<900 where !settled {
      try await Task.sleep(for: .milliseconds(100))
      let items = try await client.listAll(Self.aiclusters, namespace: "default").items
      settled =
        items.count == 41
        && items.allSatisfy {
          $0[path: ["status", "observedGeneration"]] == $0[path: ["metadata", "generation"]]
        }
    }
    #expect(settled)
    // Every reconcile recorded its state; the edit's change-id travelled into status.
    let items = try await client.listAll(Self.aiclusters, namespace: "default").items
    #expect(items.allSatisfy { $0[path: ["status", "reconcile", "result"]] == "Success" })
    #expect(items.allSatisfy { $0[path: ["status", "reconcile", "lastTime"]]?.stringValue != nil })
    let annotated = try await client.get(Self.aiclusters, name: "c1", namespace: "default")
    #expect(annotated[path: ["status", "reconcile", "lastChange", "changeID"]] == "chg-42")
    #expect(await reconciler.overlaps == 0)
    #expect(await reconciler.attempts["flaky-one"] ?? 0 >= 3)
    let totals = await controller.totals
    #expect(totals["error", default: 0] >= 2)
    #expect(await reconciler.reconcileIDs.count == reconciler.attempts.values.reduce(0, +))
    // Writing an unchanged status is a no-op on the server, so the controller goes quiet.
    try await Task.sleep(for: .seconds(1))
    let quiet = await controller.totals
    try await Task.sleep(for: .seconds(1))
    #expect(await controller.totals == quiet)
    running.cancel()
    await running.value
    try await client.shutdown()
    await server.stop()
  }

  @Test("workers start once the informer has listed every object, not after its first page")
  func workersWaitForTheCacheToSync() async throws {
    let server = try await EmbeddedServer.start()
    let client = try KubeClient(configuration: .load(kubeconfig: server.kubeconfigPath, rateLimit: .unlimited))
    // Three pages of the informer's 500: on a worker that started at once, the first reconcile
    // would see a cache of one page.
    try await withThrowingTaskGroup(of: Void.self) { group in
      for worker in 0..<4 {
        group.addTask {
          for index in stride(from: worker, to: 1_200, by: 4) {
            _ = try await client.create(Self.aiclusters, Self.cluster("c\(index)"))
          }
        }
      }
      try await group.waitForAll()
    }
    let reconciler = CacheObservingReconciler()
    let controller = KindController(client: client, reconciler: reconciler, workers: 2, logger: Logger(label: "test"))
    await reconciler.observe(controller.cache)
    let running = Task { await controller.run() }
    #expect(await Polling.until(upTo: .seconds(120)) { await reconciler.seen.count >= 1 }, "no reconcile")
    let first = await reconciler.seen.first
    #expect(first?.state == .synced, "the first reconcile ran while the cache was \(String(describing: first?.state))")
    #expect(first?.cached == 1_200, "the first reconcile saw \(first?.cached ?? 0) of 1200 objects")
    running.cancel()
    await running.value
    try await client.shutdown()
    await server.stop()
  }
}

/// Records, at each reconcile, the state of the controller's own cache and how much it held.
actor CacheObservingReconciler: Reconciler {
  nonisolated let resource = KindControllerTests.aiclusters
  private var cache: Informer?
  private(set) var seen: [(state: SyncState, cached: Int)] = []

  func observe(_ cache: Informer) { self.cache = cache }

  func reconcile(_ request: ReconcileRequest) async throws -> ReconcileResult {
    guard let cache else { return .done }
    seen.append((await cache.state, await cache.count))
    return .done
  }
}
