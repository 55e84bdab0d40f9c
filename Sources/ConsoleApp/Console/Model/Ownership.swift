import ClusterClient
import KubeCore

/// Who owns whom among the cached objects: the AIApplication → InferenceService → AICluster → Pod
/// chain by owner references and by the application's service list, for the log sources and the
/// metrics of a selection.
struct Ownership {
  let store: ResourceStore

  /// The instance pods behind `object`: its own for an AICluster, its clusters' for an
  /// InferenceService, its services' for an AIApplication, its backends' for a route.
  func pods(of resource: APIResource, _ object: JSONValue) -> [JSONValue] {
    let namespace = object[path: ["metadata", "namespace"]]?.stringValue ?? ""
    let name = object[path: ["metadata", "name"]]?.stringValue ?? ""
    switch resource.kind {
    case "AICluster":
      return store.related("Pod").filter {
        $0[path: ["metadata", "namespace"]]?.stringValue == namespace
          && $0[path: ["metadata", "labels", "ai.aiconsole.dev/cluster"]]?.stringValue == name
      }
    case "InferenceService":
      return clusters(ownedBy: object).flatMap { pods(of: $0.resource, $0.object) }
    case "AIApplication":
      return services(named: object[path: ["spec", "services"]], namespace: namespace, key: "name")
        .flatMap { pods(of: $0.resource, $0.object) }
    case "AIModelRoute":
      return services(named: object[path: ["spec", "backends"]], namespace: namespace, key: "service")
        .flatMap { pods(of: $0.resource, $0.object) }
    default:
      return []
    }
  }

  /// The AIClusters whose owner is `object`.
  func clusters(ownedBy object: JSONValue) -> [(resource: APIResource, object: JSONValue)] {
    guard let uid = object[path: ["metadata", "uid"]]?.stringValue, let clusters = store.resource(kind: "AICluster")
    else { return [] }
    return store.objects(of: clusters).filter { cluster in
      (cluster[path: ["metadata", "ownerReferences"]]?.arrayValue ?? []).contains { $0["uid"]?.stringValue == uid }
    }.map { (clusters, $0) }
  }

  private func services(named list: JSONValue?, namespace: String, key: String) -> [(
    resource: APIResource, object: JSONValue
  )] {
    guard let services = store.resource(kind: "InferenceService") else { return [] }
    return (list?.arrayValue ?? []).compactMap { entry in
      guard let name = entry[key]?.stringValue,
        let object = store.object(services, namespace: namespace, name: name)
      else { return nil }
      return (services, object)
    }
  }
}
