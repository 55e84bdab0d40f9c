import AIResources
import ClusterClient
import KubeCore

/// What the gateway knows of the cluster, kept live by informers: routes, the services and pools
/// behind them, their instance Pods, the Secrets that hold API keys and the context schemas. A
/// route edit reaches the next request as soon as its watch event arrives.
public actor ClusterView {
  static func resource(_ name: String, _ kind: String, group: String = AIKinds.group, version: String = AIKinds.version)
    -> APIResource
  {
    APIResource(group: group, version: version, name: name, kind: kind, namespaced: true)
  }

  let routes: Informer
  let services: Informer
  let clusters: Informer
  let pods: Informer
  let secrets: Informer
  let schemas: Informer

  public init(client: KubeClient) {
    routes = Informer(client: client, resource: Self.resource("aimodelroutes", "AIModelRoute"))
    services = Informer(client: client, resource: Self.resource("inferenceservices", "InferenceService"))
    clusters = Informer(client: client, resource: Self.resource("aiclusters", "AICluster"))
    pods = Informer(
      client: client, resource: Self.resource("pods", "Pod", group: "", version: "v1"),
      labelSelector: "ai.aiconsole.dev/cluster")
    secrets = Informer(client: client, resource: Self.resource("secrets", "Secret", group: "", version: "v1"))
    schemas = Informer(client: client, resource: Self.resource("modelcontextschemas", "ModelContextSchema"))
  }

  var all: [Informer] { [routes, services, clusters, pods, secrets, schemas] }

  /// Runs the informers until cancelled.
  public func run() async {
    await withTaskGroup(of: Void.self) { group in
      for informer in all { group.addTask { await informer.run() } }
    }
  }

  /// Waits until every informer has listed once.
  public func waitUntilSynced() async {
    for informer in all { await informer.waitUntilSynced() }
  }

  /// Every route, decoded.
  func allRoutes() async -> [AIModelRoute] { await routes.objects(as: AIModelRoute.self) }

  func service(_ name: String, namespace: String) async -> InferenceService? {
    try? await services.object(namespace: namespace, name: name)?.decode(as: InferenceService.self)
  }

  func cluster(_ name: String, namespace: String) async -> AICluster? {
    try? await clusters.object(namespace: namespace, name: name)?.decode(as: AICluster.self)
  }

  func instancePods(of cluster: String, namespace: String) async -> [JSONValue] {
    await pods.list(
      namespace: namespace, selector: LabelSelector(requirements: [.equals("ai.aiconsole.dev/cluster", cluster)]))
  }

  /// Every Ready instance of every AICluster, for the fleet's metrics.
  func servingInstances() async -> [ServingInstance] {
    var clustersByKey: [String: AICluster] = [:]
    for cluster in await clusters.objects(as: AICluster.self) {
      clustersByKey["\(cluster.metadata.namespace ?? "")/\(cluster.metadata.name ?? "")"] = cluster
    }
    return await pods.list().compactMap { pod in
      let namespace = pod[path: ["metadata", "namespace"]]?.stringValue ?? ""
      let name = pod[path: ["metadata", "labels", "ai.aiconsole.dev/cluster"]]?.stringValue ?? ""
      return clustersByKey["\(namespace)/\(name)"].flatMap { RouteSelection.instance(pod, of: $0) }
    }
  }

  /// The simulated fleet's nodes that instances run on (their GPUs are exported even when idle).
  func nodeNames() async -> [String] {
    Array(Set(await pods.list().compactMap { $0[path: ["spec", "nodeName"]]?.stringValue })).sorted()
  }

  func secret(_ name: String, namespace: String) async -> JSONValue? {
    await secrets.object(namespace: namespace, name: name)
  }

  func schema(_ name: String, namespace: String) async -> ModelContextSchema? {
    try? await schemas.object(namespace: namespace, name: name)?.decode(as: ModelContextSchema.self)
  }
}
