import ClusterClient
import KubeCore

/// Who serves and who is owned among the cached objects, along each kind's descriptor links
/// (an AIApplication → its InferenceServices → their AICluster → Pods), for the log sources,
/// the metrics of a selection and what a delete takes with it.
struct Ownership {
  let store: ResourceStore
  let registry: KindRegistry

  /// The instance pods behind `object`: its own for an AICluster, its clusters' for an
  /// InferenceService, its services' for an AIApplication, its backends' for a route.
  func pods(of resource: APIResource, _ object: JSONValue) -> [JSONValue] {
    registry.descriptor(for: resource).instances.flatMap { link -> [JSONValue] in
      let found = targets(of: object, link)
      if case .pods = link { return found }
      return found.flatMap { pods(of: link.target, $0) }
    }
  }

  /// What deleting `object` takes with it, as the garbage collector follows owner references:
  /// the objects it owns (and theirs) and their pods, counted by kind.
  func owned(by resource: APIResource, _ object: JSONValue) -> [(kind: String, count: Int)] {
    var counts: [String: Int] = [:]
    var order: [String] = []
    for found in ownedObjects(of: resource, object) {
      let kind = DetailFields.kind(found)
      if counts[kind] == nil { order.append(kind) }
      counts[kind, default: 0] += 1
    }
    return order.map { ($0, counts[$0] ?? 0) }
  }

  private func ownedObjects(of resource: APIResource, _ object: JSONValue) -> [JSONValue] {
    registry.descriptor(for: resource).children.filter(\.isOwnership).flatMap { link -> [JSONValue] in
      let found = targets(of: object, link)
      return found + found.flatMap { ownedObjects(of: link.target, $0) }
    }
  }

  private func targets(of object: JSONValue, _ link: KindLink) -> [JSONValue] {
    link.targets(of: object, among: candidates(link.target, in: DetailFields.namespace(object)))
  }

  /// The cached objects of `resource` in `namespace`.
  private func candidates(_ resource: APIResource, in namespace: String) -> [JSONValue] {
    if resource == CoreResources.pods {
      return store.related(.pods).filter { DetailFields.namespace($0) == namespace }
    }
    guard let served = store.served(resource) else { return [] }
    return store.objects(of: served).filter { DetailFields.namespace($0) == namespace }
  }
}

extension KindLink {
  /// Whether the objects at the end of the link are owned (deleted with the object).
  var isOwnership: Bool {
    switch self {
    case .pods, .owned: true
    case .listed: false
    }
  }
}
