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

  /// Each `kind/namespace/name`'s objects by source. Most objects have one source, held inline:
  /// at 100,000 AIClusters a dictionary per object, keyed by a source that carries a whole
  /// `APIResource`, was a few hundred bytes each.
  private var holders: [String: Holders] = [:]
  /// The sources seen, so that a holder names its source by a small number.
  private var sources: [Source] = []
  private var sourceNumbers: [Source: Int] = [:]
  private var byOwner: [String: IDs] = [:]
  private var byUID: [String: IDs] = [:]
  private var byNamespace: [String: IDs] = [:]
  private var byLabel: [String: IDs] = [:]
  private var bySubject: [String: IDs] = [:]

  /// The sources holding one object: one inline, or several by source number.
  private enum Holders {
    case one(Int, JSONValue)
    case many([Int: JSONValue])

    var all: [(source: Int, object: JSONValue)] {
      switch self {
      case .one(let source, let object): [(source, object)]
      case .many(let held): held.map { ($0.key, $0.value) }
      }
    }

    func with(_ source: Int, _ object: JSONValue) -> Holders {
      switch self {
      case .one(let other, _) where other == source: return .one(source, object)
      case .one(let other, let held): return .many([other: held, source: object])
      case .many(var held):
        held[source] = object
        return .many(held)
      }
    }

    /// Without `source`; nil when none is left.
    func without(_ source: Int) -> Holders? {
      switch self {
      case .one(let other, _): return other == source ? nil : self
      case .many(var held):
        held[source] = nil
        guard let first = held.first else { return nil }
        return held.count == 1 ? .one(first.key, first.value) : .many(held)
      }
    }

    func holds(_ source: Int) -> Bool {
      switch self {
      case .one(let other, _): other == source
      case .many(let held): held[source] != nil
      }
    }
  }

  /// The identities filed under one index key: most keys (a uid, an owner's uid) file one, held
  /// inline rather than as a set of one.
  private enum IDs: Sequence {
    case one(String)
    case many(Set<String>)

    /// Adds `id`, in place: a namespace files every object in it, and copying its set for
    /// each would cost as much as the set.
    mutating func insert(_ id: String) {
      switch self {
      case .one(let held): if held != id { self = .many([held, id]) }
      case .many(var held):
        self = .one(id)  // lets go of the set, so the insert below does not copy it
        held.insert(id)
        self = .many(held)
      }
    }

    /// Takes `id` out, in place; whether any identity is left.
    mutating func remove(_ id: String) -> Bool {
      switch self {
      case .one(let held): return held != id
      case .many(var held):
        self = .one(id)
        held.remove(id)
        if held.count == 1, let last = held.first {
          self = .one(last)
        } else {
          self = .many(held)
        }
        return !held.isEmpty
      }
    }

    func makeIterator() -> AnyIterator<String> {
      switch self {
      case .one(let held): AnyIterator([held].makeIterator())
      case .many(let held): AnyIterator(held.makeIterator())
      }
    }
  }

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
    let number = self.number(of: source)
    let before = holders[id]
    let after = before?.with(number, object) ?? .one(number, object)
    holders[id] = after
    refresh(id, kind: source.kind, from: before, to: after)
  }

  /// Forgets `object` as held by `source`.
  mutating func remove(_ source: Source, _ object: JSONValue) {
    let id = Self.identity(source.kind, object)
    guard let number = sourceNumbers[source], let before = holders[id], before.holds(number) else { return }
    let after = before.without(number)
    holders[id] = after
    refresh(id, kind: source.kind, from: before, to: after)
  }

  private mutating func number(of source: Source) -> Int {
    if let known = sourceNumbers[source] { return known }
    sources.append(source)
    sourceNumbers[source] = sources.count - 1
    return sources.count - 1
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
    seen(holders[Self.join(kind, namespace, name)])
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

  /// Moves the index entries of `id` from the objects its holders showed to those they show now.
  private mutating func refresh(_ id: String, kind: String, from before: Holders?, to after: Holders?) {
    for object in seen(before) { update(id, kind: kind, object, adding: false) }
    for object in seen(after) { update(id, kind: kind, object, adding: true) }
  }

  /// The objects of one identity as the detail sees them: every holder but the viewed kinds,
  /// or the first viewed kind's when only viewed kinds hold it.
  private func seen(_ holders: Holders?) -> [JSONValue] {
    guard let holders else { return [] }
    if case .one(_, let object) = holders { return [object] }
    // Several holders are rare (a viewed `:pods` beside the pods feed); only they need an order.
    let held = holders.all.map { (source: sources[$0.source], object: $0.object) }
      .sorted { $0.source.order < $1.source.order }
    let own = held.filter { !$0.source.isViewed }.map(\.object)
    return own.isEmpty ? Array(held.prefix(1).map(\.object)) : own
  }

  private mutating func update(_ id: String, kind: String, _ object: JSONValue, adding: Bool) {
    let namespace = DetailFields.namespace(object)
    var keys: [(WritableKeyPath<OwnerIndex, [String: IDs]>, String)] = [
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
      // Taken out and put back, so that the set inside is changed where it is.
      var held = self[keyPath: map].removeValue(forKey: key)
      if adding {
        if held == nil { held = .one(id) } else { held?.insert(id) }
      } else if held?.remove(id) == false {
        held = nil
      }
      self[keyPath: map][key] = held
    }
  }

  /// The objects of `ids`, by identity (kind, then namespace and name), so that lookups come
  /// out in the same order every time.
  private func resolve(_ ids: IDs?) -> [(kind: String, object: JSONValue)] {
    (ids.map(Array.init) ?? []).sorted().flatMap { id in
      let kind = String(id.prefix { $0 != "\u{1}" })
      return seen(holders[id]).map { (kind, $0) }
    }
  }

  private static func identity(_ kind: String, _ object: JSONValue) -> String {
    join(kind, DetailFields.namespace(object), DetailFields.name(object))
  }

  /// Parts joined by a separator no name or label holds.
  private static func join(_ parts: String...) -> String { parts.joined(separator: "\u{1}") }
}
