import AIResources
import ClusterClient
import KubeCore
import Synchronization

/// What the gateway knows of the cluster, kept live by informers: routes, the services and pools
/// behind them, their instance Pods, the Secrets that hold API keys and the context schemas. A
/// route edit reaches the next request as soon as its watch event arrives.
public actor ClusterView {
  let routes: Informer
  let services: Informer
  let clusters: Informer
  let pods: Informer
  let secrets: Informer
  let schemas: Informer

  public init(client: KubeClient) {
    routes = Informer(client: client, resource: AIModelRoute.resource)
    services = Informer(client: client, resource: InferenceService.resource)
    clusters = Informer(client: client, resource: AICluster.resource)
    pods = Informer(
      client: client, resource: CoreResources.pods,
      labelSelector: "ai.aiconsole.dev/cluster")
    secrets = Informer(client: client, resource: CoreResources.secrets)
    schemas = Informer(client: client, resource: ModelContextSchema.resource)
  }

  var all: [Informer] { [routes, services, clusters, pods, secrets, schemas] }

  /// The snapshot as of the last change, readable without a hop (the proxy path reads it on its
  /// event loop); nil from a change until the next request rebuilds it.
  private nonisolated let cached = Mutex<RoutingSnapshot?>(nil)

  /// Runs the informers until cancelled; any change of theirs makes the next snapshot fresh.
  public func run() async {
    await withTaskGroup(of: Void.self) { group in
      for informer in all {
        group.addTask { await informer.run() }
        group.addTask {
          for await _ in await informer.events() { await self.invalidate() }
        }
      }
    }
  }

  /// Counts changes, so that a snapshot built while one arrived is not kept.
  private var changes = 0

  private func invalidate() {
    cached.withLock { $0 = nil }
    changes += 1
  }

  /// What routing reads, as of the last change.
  func snapshot() async -> RoutingSnapshot {
    if let snapshot = currentSnapshot() { return snapshot }
    let before = changes
    let snapshot = RoutingSnapshot(
      routes: await routes.list(), services: await services.list(), clusters: await clusters.list(),
      pods: await pods.list(), secrets: await secrets.list(), schemas: await schemas.list())
    if changes == before { cached.withLock { $0 = snapshot } }
    return snapshot
  }

  /// The snapshot as of the last change, if one was built since.
  nonisolated func currentSnapshot() -> RoutingSnapshot? { cached.withLock { $0 } }

  /// Waits until every informer has listed once.
  public func waitUntilSynced() async {
    for informer in all { await informer.waitUntilSynced() }
  }

  /// The simulated fleet's nodes that instances run on (their GPUs are exported even when idle).
  func nodeNames() async -> [String] {
    Array(Set(await pods.list().compactMap { $0[path: ["spec", "nodeName"]]?.stringValue })).sorted()
  }
}
