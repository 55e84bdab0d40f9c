import ClusterClient
import Foundation
import KubeCore

/// What the detail, YAML and describe views of one object are drawn from: the object and the
/// cached objects around it, gathered by the console from its informers. A value, so that the
/// views stay pure functions of it.
struct DetailContext: Sendable {
  /// The selected object, as the server returned it.
  var object: JSONValue
  /// Its kind (group, version, plural, kind, namespaced).
  var resource: APIResource
  /// Every cached object the console knows, by kind name (`AICluster`, `Pod`, `ControllerRevision`,
  /// `Event`, `InferenceService`, …); the views pick the object's pods, revisions, events and its
  /// owner/owned tree from these. A context made from the store gathers them on each read: the
  /// detail reads through `index` and `related(kind:)` instead, so a rebuild (each key that moves
  /// the selection) no longer copies 100,000 cached AIClusters into arrays.
  var related: [String: [JSONValue]] {
    get { gathered ?? store.map { Self.gather($0) } ?? [:] }
    set {
      // The index describes the store's objects: once `related` is changed by hand it would
      // answer wrong.
      gathered = newValue
      store = nil
      index = nil
    }
  }
  /// What the detail's views read, as given by hand; nil for a context made from the store.
  private var gathered: [String: [JSONValue]]?
  /// The store the objects are read from, for a context made from it. A copy of the state's
  /// store, which costs nothing while neither changes: the context lives for one rebuild.
  private var store: ResourceStore?
  /// What the console knows of each kind: the links to pods and children, the summary fields.
  var registry = KindRegistry.ours
  /// The time ages are measured against.
  var now: Date
  /// The metrics read so far: a Node's detail draws its GPUs from the DCGM series.
  var metrics = MetricsBoard()
  /// The store's index of the objects in `related`, so that the detail looks up the selection's
  /// family instead of scanning them all; nil where `related` was gathered by hand.
  var index: OwnerIndex?

  /// A context of the objects `related` holds, looked up through `index` where given.
  init(
    object: JSONValue, resource: APIResource, related: [String: [JSONValue]], registry: KindRegistry = .ours,
    now: Date, metrics: MetricsBoard = MetricsBoard(), index: OwnerIndex? = nil
  ) {
    self.object = object
    self.resource = resource
    gathered = related
    self.registry = registry
    self.now = now
    self.metrics = metrics
    self.index = index
  }

  /// A context of the store's objects, looked up through its owner index.
  init(
    object: JSONValue, resource: APIResource, store: ResourceStore, registry: KindRegistry, now: Date,
    metrics: MetricsBoard
  ) {
    self.object = object
    self.resource = resource
    self.store = store
    self.registry = registry
    self.now = now
    self.metrics = metrics
    index = store.ownerIndex
  }

  /// `related[kind] ?? []`, gathering only that kind's objects from the store.
  func related(kind: String) -> [JSONValue] {
    if let gathered { return gathered[kind] ?? [] }
    return store.map { Self.gather($0, kind: kind)[kind] ?? [] } ?? []
  }

  /// The store's objects by kind name (of `kind` only, where given): every AI kind's, the feeds
  /// the detail reads, and each viewed kind's objects that no feed of the same kind holds (`:pods`
  /// beside the AI pods).
  static func gather(_ store: ResourceStore, kind: String? = nil) -> [String: [JSONValue]] {
    let wanted = { (name: String) in kind.map { $0 == name } ?? true }
    var related: [String: [JSONValue]] = [:]
    for resource in store.kinds where wanted(resource.kind) {
      related[resource.kind, default: []] += store.objects(of: resource)
    }
    for feed in RelatedFeed.allCases where feed.touchesDetail && wanted(feed.resource.kind) {
      related[feed.resource.kind, default: []] += store.related(feed)
    }
    for resource in store.viewed where wanted(resource.kind) {
      let known = Set((related[resource.kind] ?? []).map(ResourceStore.key))
      related[resource.kind, default: []] += store.objects(of: resource).filter {
        !known.contains(ResourceStore.key($0))
      }
    }
    return related
  }
}
