import ClusterClient
import KubeCore

/// The console's cached objects that a detail reads (every AI object, the viewed kinds' objects,
/// the pods, events and revisions), indexed the ways the detail looks them up: by the uid of each
/// owner they name, by their own uid, kind and namespace, kind and name, the link labels, and an
/// Event by the object it is about. Kept by `ResourceStore` as objects come and go, so that a
/// detail rebuild costs in proportion to the selected object's family, not to the cache (at
/// 100,000 AIClusters the scans of the whole cache were most of the UI thread's time).
///
/// An object held by several sources of the same kind (the pods feed and a viewed `:pods`) is
/// counted once, as `ConsoleReducer.detailContext` gathers it: a viewed kind's object only when no
/// other source holds it.
struct OwnerIndex: Sendable {
  /// Where a cached object comes from.
  enum Source: Hashable, Sendable {
    case ai(APIResource)
    case feed(RelatedFeed)
    case viewed(APIResource)

    /// The kind name the detail files the object under.
    var kind: String {
      switch self {
      case .ai(let resource), .viewed(let resource): resource.kind
      case .feed(let feed): feed.resource.kind
      }
    }

    var isViewed: Bool {
      if case .viewed = self { return true }
      return false
    }

    /// A fixed order among the sources of one object: ours, then feeds, then viewed kinds. Built
    /// from the resources' names, as describing the enum itself goes through reflection, slow
    /// enough to show when 10,000 pods are each held by the pods feed and a viewed `:pods`.
    var order: (Int, String) {
      switch self {
      case .ai(let resource): (0, resource.description)
      case .feed(let feed): (1, feed.resource.description)
      case .viewed(let resource): (2, resource.description)
      }
    }
  }

  /// The label keys the kinds' links name (`.pods(label:)`, `.owned(_, label:)`); only these are
  /// indexed, a lookup by another key answers nil and the caller scans.
  let labelKeys: Set<String>

  /// Each `kind/namespace/name`'s objects by source.
  private var holders: [String: [Source: JSONValue]] = [:]
  /// Each `kind/namespace/name`'s objects as the detail sees them.
  private var current: [String: [JSONValue]] = [:]
  private var byOwner: [String: Set<String>] = [:]
  private var byUID: [String: Set<String>] = [:]
  private var byNamespace: [String: Set<String>] = [:]
  private var byLabel: [String: Set<String>] = [:]
  private var bySubject: [String: Set<String>] = [:]

  init(labelKeys: Set<String> = Self.linkLabels(KindRegistry.ours)) {
    self.labelKeys = labelKeys
  }

  /// The label keys `registry`'s links follow.
  static func linkLabels(_ registry: KindRegistry) -> Set<String> {
    var keys: Set<String> = []
    for descriptor in registry.all {
      for link in descriptor.instances + descriptor.children {
        switch link {
        case .pods(let label), .owned(_, let label): keys.insert(label)
        case .listed: break
        }
      }
    }
    return keys
  }

  /// Adds or replaces `object` as held by `source`.
  mutating func put(_ source: Source, _ object: JSONValue) {
    let id = Self.identity(source.kind, object)
    holders[id, default: [:]][source] = object
    refresh(id, kind: source.kind)
  }

  /// Forgets `object` as held by `source`.
  mutating func remove(_ source: Source, _ object: JSONValue) {
    let id = Self.identity(source.kind, object)
    guard holders[id]?.removeValue(forKey: source) != nil else { return }
    if holders[id]?.isEmpty == true { holders[id] = nil }
    refresh(id, kind: source.kind)
  }

  /// The objects naming `uid` among their owner references, with the kind they are filed under,
  /// by kind and then `namespace/name`.
  func owned(by uid: String) -> [(kind: String, object: JSONValue)] {
    uid.isEmpty ? [] : resolve(byOwner[uid])
  }

  /// The objects whose uid is `uid`, with their kind, by kind.
  func objects(uid: String) -> [(kind: String, object: JSONValue)] {
    uid.isEmpty ? [] : resolve(byUID[uid])
  }

  /// The objects of `kind` in `namespace`, by name.
  func objects(kind: String, namespace: String) -> [JSONValue] {
    resolve(byNamespace[Self.join(kind, namespace)]).map(\.object)
  }

  /// The objects of `kind` named `name` in `namespace`.
  func objects(kind: String, namespace: String, name: String) -> [JSONValue] {
    current[Self.join(kind, namespace, name)] ?? []
  }

  /// The objects of `kind` in `namespace` labelled `key: value`, by name; nil when `key` is
  /// not indexed.
  func objects(kind: String, namespace: String, label key: String, value: String) -> [JSONValue]? {
    guard labelKeys.contains(key) else { return nil }
    return resolve(byLabel[Self.join(kind, namespace, key, value)]).map(\.object)
  }

  /// The Events (`involvedObject` or `regarding`) about the object of `kind` named `name` in
  /// `namespace`, by name.
  func events(about kind: String, namespace: String, name: String) -> [JSONValue] {
    resolve(bySubject[Self.join(kind, namespace, name)]).map(\.object)
  }

  // MARK: - Upkeep

  /// Re-derives the objects of `id` from its holders and moves its index entries.
  private mutating func refresh(_ id: String, kind: String) {
    for object in current[id] ?? [] { update(id, kind: kind, object, adding: false) }
    let sources = Array(holders[id] ?? [:])
    // Several holders are rare (a viewed `:pods` beside the pods feed); only they need an order.
    let held = sources.count < 2 ? sources : sources.sorted { $0.key.order < $1.key.order }
    let own = held.filter { !$0.key.isViewed }.map(\.value)
    let seen = own.isEmpty ? Array(held.prefix(1).map(\.value)) : own
    current[id] = seen.isEmpty ? nil : seen
    for object in seen { update(id, kind: kind, object, adding: true) }
  }

  private mutating func update(_ id: String, kind: String, _ object: JSONValue, adding: Bool) {
    let namespace = DetailFields.namespace(object)
    var keys: [(WritableKeyPath<OwnerIndex, [String: Set<String>]>, String)] = [
      (\.byNamespace, Self.join(kind, namespace))
    ]
    keys += Set(DetailFields.ownerUIDs(object)).filter { !$0.isEmpty }.map { (\.byOwner, $0) }
    let uid = DetailFields.uid(object)
    if !uid.isEmpty { keys.append((\.byUID, uid)) }
    for key in labelKeys {
      if let value = DetailFields.label(object, key) {
        keys.append((\.byLabel, Self.join(kind, namespace, key, value)))
      }
    }
    if kind == CoreResources.events.kind, let subject = object["involvedObject"] ?? object["regarding"] {
      let about = Self.join(
        subject["kind"]?.stringValue ?? "", subject["namespace"]?.stringValue ?? "",
        subject["name"]?.stringValue ?? "")
      keys.append((\.bySubject, about))
    }
    for (map, key) in keys {
      if adding {
        self[keyPath: map][key, default: []].insert(id)
      } else {
        self[keyPath: map][key]?.remove(id)
        if self[keyPath: map][key]?.isEmpty == true { self[keyPath: map][key] = nil }
      }
    }
  }

  /// The objects of `ids`, by identity (kind, then namespace and name), so that lookups come
  /// out in the same order every time.
  private func resolve(_ ids: Set<String>?) -> [(kind: String, object: JSONValue)] {
    (ids ?? []).sorted().flatMap { id in
      let kind = String(id.prefix { $0 != "\u{1}" })
      return (current[id] ?? []).map { (kind, $0) }
    }
  }

  private static func identity(_ kind: String, _ object: JSONValue) -> String {
    join(kind, DetailFields.namespace(object), DetailFields.name(object))
  }

  /// Parts joined by a separator no name or label holds.
  private static func join(_ parts: String...) -> String { parts.joined(separator: "\u{1}") }
}
