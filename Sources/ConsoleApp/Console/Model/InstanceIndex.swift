import ClusterClient
import KubeCore

/// The instance pods behind the objects of the listed kind, found through indexes built once per
/// list update along its descriptor's instance links (by owner uid, by the label naming the
/// owner, by name), so the tokens/s and GPU columns of thousands of rows cost a few lookups each
/// instead of a scan of every pod.
struct InstanceIndex {
  /// The objects at the end of one link, indexed the ways the link looks them up.
  private struct Targets {
    var byOwner: [String: [JSONValue]] = [:]
    var byLabel: [String: [JSONValue]] = [:]
    var byName: [String: JSONValue] = [:]
  }

  private let registry: KindRegistry
  private let descriptor: KindDescriptor
  private var indexes: [KindLink: Targets] = [:]

  init(_ store: ResourceStore, registry: KindRegistry, listing resource: APIResource) {
    self.registry = registry
    descriptor = registry.descriptor(for: resource)
    var pending = descriptor.instances
    while let link = pending.popLast() {
      guard indexes[link] == nil else { continue }
      indexes[link] = Self.index(link, store)
      if case .pods = link { continue }
      pending += registry.descriptor(for: link.target).instances
    }
  }

  private static func index(_ link: KindLink, _ store: ResourceStore) -> Targets {
    var targets = Targets()
    let candidates: [JSONValue]
    if case .pods = link {
      candidates = store.related(.pods)
    } else {
      candidates = store.served(link.target).map { store.objects(of: $0) } ?? []
    }
    for object in candidates {
      let namespace = DetailFields.namespace(object)
      switch link {
      case .pods(let label), .owned(_, let label):
        for uid in DetailFields.ownerUIDs(object) { targets.byOwner[uid, default: []].append(object) }
        if let owner = DetailFields.label(object, label) {
          targets.byLabel["\(namespace)/\(owner)", default: []].append(object)
        }
      case .listed:
        targets.byName["\(namespace)/\(DetailFields.name(object))"] = object
      }
    }
    return targets
  }

  /// `(namespace, pod)` of the instances behind an object of the listed kind.
  func pods(_ object: JSONValue) -> [(namespace: String, pod: String)] {
    pods(descriptor, object).map { (DetailFields.namespace($0), DetailFields.name($0)) }
  }

  private func pods(_ descriptor: KindDescriptor, _ object: JSONValue) -> [JSONValue] {
    descriptor.instances.flatMap { link -> [JSONValue] in
      let found = targets(of: object, link)
      if case .pods = link { return found }
      let next = registry.descriptor(for: link.target)
      return found.flatMap { pods(next, $0) }
    }
  }

  private func targets(of object: JSONValue, _ link: KindLink) -> [JSONValue] {
    guard let index = indexes[link] else { return [] }
    let namespace = DetailFields.namespace(object)
    switch link {
    case .pods, .owned:
      let owned = index.byOwner[DetailFields.uid(object)] ?? []
      let labelled = index.byLabel["\(namespace)/\(DetailFields.name(object))"] ?? []
      return DetailRelations.unique(owned + labelled)
    case .listed(_, let path, let key):
      return (object[path: path]?.arrayValue ?? []).compactMap { entry in
        entry[key]?.stringValue.flatMap { index.byName["\(namespace)/\($0)"] }
      }
    }
  }

  /// Tokens per second the object serves: its pods' vLLM counters, else, for a gateway route,
  /// its model's at the gateway.
  func tokensPerSecond(_ object: JSONValue, _ board: MetricsBoard) -> Double? {
    if descriptor.isGatewayRoute {
      return descriptor.model(object).flatMap { board.tokensPerSecond(model: $0) }
    }
    let rates = pods(object).compactMap { board.tokensPerSecond(namespace: $0.namespace, pod: $0.pod) }
    return rates.isEmpty ? nil : rates.reduce(0, +)
  }

  /// Mean GPU utilisation of the object's pods.
  func gpuPercent(_ object: JSONValue, _ board: MetricsBoard) -> Double? {
    let values = pods(object).compactMap { board.gpuUtilisation(namespace: $0.namespace, pod: $0.pod) }
    return values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
  }
}
