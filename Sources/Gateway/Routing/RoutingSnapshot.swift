import AIResources
import KubeCore

/// Everything routing reads, decoded once per change of the cluster rather than once per request:
/// routes in choice order, services, the Ready instances of each pool, API keys and schemas, each
/// by `namespace/name`.
struct RoutingSnapshot: Sendable {
  var routes: [AIModelRoute] = [] { didSet { plan() } }
  var services: [String: InferenceService] = [:] { didSet { plan() } }
  var instances: [String: [ServingInstance]] = [:] { didSet { plan() } }
  var keys: [String: [[UInt8]]] = [:]
  var schemas: [String: ModelContextSchema] = [:]
  /// The routes as requests meet them (`RoutePlan`), by model; made again whenever the routes,
  /// services or instances change.
  private(set) var plans: [String: [RoutePlan]] = [:]

  static func key(_ namespace: String?, _ name: String?) -> String { "\(namespace ?? "")/\(name ?? "")" }

  init() {}

  init(
    routes: [JSONValue], services: [JSONValue], clusters: [JSONValue], pods: [JSONValue], secrets: [JSONValue],
    schemas: [JSONValue]
  ) {
    self.routes = routes.compactMap { try? $0.decode(as: AIModelRoute.self) }
    for service in services.compactMap({ try? $0.decode(as: InferenceService.self) }) {
      self.services[Self.key(service.metadata.namespace, service.metadata.name)] = service
    }
    var clustersByKey: [String: AICluster] = [:]
    for cluster in clusters.compactMap({ try? $0.decode(as: AICluster.self) }) {
      clustersByKey[Self.key(cluster.metadata.namespace, cluster.metadata.name)] = cluster
    }
    for pod in pods {
      let key = Self.key(
        pod[path: ["metadata", "namespace"]]?.stringValue,
        pod[path: ["metadata", "labels", "ai.aiconsole.dev/cluster"]]?.stringValue)
      if let cluster = clustersByKey[key], let instance = RouteSelection.instance(pod, of: cluster) {
        instances[key, default: []].append(instance)
      }
    }
    for secret in secrets {
      keys[
        Self.key(
          secret[path: ["metadata", "namespace"]]?.stringValue, secret[path: ["metadata", "name"]]?.stringValue)] =
        APIKeys.keys(in: secret)
    }
    for schema in schemas.compactMap({ try? $0.decode(as: ModelContextSchema.self) }) {
      self.schemas[Self.key(schema.metadata.namespace, schema.metadata.name)] = schema
    }
    plan()
  }

  private mutating func plan() { plans = RoutePlan.byModel(routes, services: services, instances: instances) }

  /// The route for `model` at `path`, as `RouteSelection.route` chooses it: among the routes
  /// naming the model, the first whose `path` is the request's, else the first.
  func plan(for model: String, path: String) -> RoutePlan? {
    guard let named = plans[model] else { return nil }
    return named.first { ($0.route.spec.path ?? InferenceRequest.Endpoint.chat.rawValue) == path } ?? named.first
  }

  /// Every Ready instance, for the fleet's metrics.
  var allInstances: [ServingInstance] { instances.values.flatMap { $0 } }
}
