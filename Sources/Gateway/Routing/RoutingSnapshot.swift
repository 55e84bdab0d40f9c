import AIResources
import KubeCore

/// Everything routing reads, decoded once per change of the cluster rather than once per request:
/// routes in choice order, services, the Ready instances of each pool, API keys and schemas, each
/// by `namespace/name`.
struct RoutingSnapshot: Sendable {
  var routes: [AIModelRoute] = []
  var services: [String: InferenceService] = [:]
  var instances: [String: [ServingInstance]] = [:]
  var keys: [String: [[UInt8]]] = [:]
  var schemas: [String: ModelContextSchema] = [:]

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
  }

  /// Every Ready instance, for the fleet's metrics.
  var allInstances: [ServingInstance] { instances.values.flatMap { $0 } }
}
