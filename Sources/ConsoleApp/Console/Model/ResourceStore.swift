import ClusterClient
import KubeCore

/// The console's copy of the cluster, fed by informer events: every object of every AI kind, the
/// objects of the other kinds viewed lately (with the server's cells for them), the objects
/// around them (pods, events, revisions, CRDs) by feed, and each informer's sync state.
struct ResourceStore: Sendable {
  /// The AI kinds served now, sorted by group and name.
  private(set) var kinds: [APIResource] = []
  /// The other kinds watched because they were viewed lately (`:pods`), most recent first.
  private(set) var viewed: [APIResource] = []
  /// Everything the server serves, from the last discovery.
  var catalog: APIResourceCatalog?
  /// The server's Table columns of each viewed kind, once known.
  private(set) var tableColumns: [APIResource: [ServerTable.Column]] = [:]
  /// The server's cells of each viewed kind's objects, by `namespace/name`.
  private(set) var cells: [APIResource: [String: [JSONValue]]] = [:]
  /// Objects of each AI kind by `namespace/name`.
  private(set) var objects: [APIResource: [String: JSONValue]] = [:]
  /// Where each AI kind's informer stands.
  private(set) var states: [APIResource: SyncState] = [:]
  /// Related objects by feed and `namespace/name`.
  private(set) var related: [RelatedFeed: [String: JSONValue]] = [:]
  /// Where each related informer stands.
  private(set) var relatedStates: [RelatedFeed: SyncState] = [:]
  /// The health of each AI object by kind and `namespace/name`, kept as objects change so the
  /// header's counts cost nothing per frame.
  private var health: [APIResource: [String: Health]] = [:]
  /// How many AI objects are in each health.
  private(set) var healthCounts: [Health: Int] = [:]
  /// The objects a detail reads, by owner, uid, namespace, name, link label and Event subject.
  private(set) var ownerIndex = OwnerIndex()

  /// Replaces the set of AI kinds; the objects of kinds no longer served are dropped.
  mutating func setKinds(_ newKinds: [APIResource]) -> [APIResource] {
    let gone = kinds.filter { !newKinds.contains($0) }
    for resource in gone {
      for object in objects(of: resource) { ownerIndex.remove(.ai(resource), object) }
      objects[resource] = nil
      states[resource] = nil
      for (_, old) in health.removeValue(forKey: resource) ?? [:] { healthCounts[old, default: 1] -= 1 }
    }
    kinds = newKinds
    return gone
  }

  /// Applies one AI-kind event; returns the object it changed, if any (nil for a state change or
  /// an event of a kind no longer served).
  mutating func apply(_ resource: APIResource, _ event: InformerEvent) -> JSONValue? {
    guard kinds.contains(resource) else { return nil }
    if case .state(let state) = event {
      states[resource] = state
      return nil
    }
    guard let object = event.object else { return nil }
    let key = Self.key(object)
    if let old = health[resource]?[key] { healthCounts[old, default: 1] -= 1 }
    if case .deleted = event {
      objects[resource]?[key] = nil
      health[resource]?[key] = nil
      ownerIndex.remove(.ai(resource), object)
    } else {
      objects[resource, default: [:]][key] = object
      ownerIndex.put(.ai(resource), object)
      let now = Health.of(object)
      health[resource, default: [:]][key] = now
      healthCounts[now, default: 0] += 1
    }
    return object
  }

  /// Replaces the set of viewed kinds; the objects of kinds dropped are forgotten, so memory
  /// follows the kinds kept warm.
  mutating func setViewed(_ newKinds: [APIResource]) {
    for resource in viewed where !newKinds.contains(resource) {
      for object in objects(of: resource) { ownerIndex.remove(.viewed(resource), object) }
      objects[resource] = nil
      states[resource] = nil
      cells[resource] = nil
      tableColumns[resource] = nil
    }
    viewed = newKinds
  }

  /// Applies one event of a viewed kind's Table informer; returns the object it changed, if any.
  mutating func applyViewed(_ resource: APIResource, _ event: TableInformerEvent) -> JSONValue? {
    guard viewed.contains(resource) else { return nil }
    switch event {
    case .columns(let columns):
      tableColumns[resource] = columns
      return nil
    case .change(.state(let state), _):
      states[resource] = state
      return nil
    case .change(.deleted(let object), _):
      let key = Self.key(object)
      objects[resource]?[key] = nil
      cells[resource]?[key] = nil
      ownerIndex.remove(.viewed(resource), object)
      return object
    case .change(let change, let objectCells):
      guard let object = change.object else { return nil }
      let key = Self.key(object)
      objects[resource, default: [:]][key] = object
      cells[resource, default: [:]][key] = objectCells
      ownerIndex.put(.viewed(resource), object)
      return object
    }
  }

  /// Every kind whose objects are held: the AI kinds and the viewed ones.
  var watched: [APIResource] { kinds + viewed }

  /// Applies one event of a related feed.
  mutating func applyRelated(_ kind: RelatedFeed, _ event: InformerEvent) {
    if case .state(let state) = event {
      relatedStates[kind] = state
      return
    }
    guard let object = event.object else { return }
    if case .deleted = event {
      related[kind]?[Self.key(object)] = nil
      if kind.touchesDetail { ownerIndex.remove(.feed(kind), object) }
    } else {
      related[kind, default: [:]][Self.key(object)] = object
      if kind.touchesDetail { ownerIndex.put(.feed(kind), object) }
    }
  }

  /// The objects of one AI kind, unordered.
  func objects(of resource: APIResource) -> [JSONValue] { objects[resource].map { Array($0.values) } ?? [] }

  /// One object of an AI kind.
  func object(_ resource: APIResource, namespace: String?, name: String) -> JSONValue? {
    objects[resource]?["\(namespace ?? "")/\(name)"]
  }

  /// The related objects of one feed, unordered.
  func related(_ feed: RelatedFeed) -> [JSONValue] { related[feed].map { Array($0.values) } ?? [] }

  /// The served resource of `resource`'s group and kind (discovery's description of it, which
  /// keys the store), when it is served.
  func served(_ resource: APIResource) -> APIResource? {
    kinds.first { $0.group == resource.group && $0.kind == resource.kind }
  }

  /// The CustomResourceDefinition of an AI kind, when cached.
  func definition(of resource: APIResource) -> JSONValue? {
    related[.definitions]?["/\(resource.name).\(resource.group)"]
  }

  /// The number of AI objects.
  var count: Int { kinds.reduce(0) { $0 + (objects[$1]?.count ?? 0) } }

  /// `namespace/name` of an object.
  static func key(_ object: JSONValue) -> String {
    let namespace = object[path: ["metadata", "namespace"]]?.stringValue ?? ""
    return "\(namespace)/\(object[path: ["metadata", "name"]]?.stringValue ?? "")"
  }
}
