import KubeCore

/// Finds the objects around the selected one in the console's cache: its instances (Pods), its
/// revisions, the Events about it, and its owner and owned objects. Links are the ones the
/// controller makes (owner references, labels naming the owner, lists in a spec), as each kind's
/// descriptor declares them, so the same lookups work in the embedded world and on a real cluster.
struct DetailRelations: Sendable {
  /// Kinds that are about an object rather than part of it, left out of the owner tree.
  static let notInTree: Set<String> = [CoreResources.events.kind, CoreResources.controllerRevisions.kind]

  /// Every cached object by kind name.
  var related: [String: [JSONValue]]
  /// The kinds' descriptors, for their links.
  var registry = KindRegistry.ours
  /// The store's index of the same objects, when the console has one: the lookups then cost in
  /// proportion to what they find, not to the cache. Without it they scan `related`.
  var index: OwnerIndex?

  /// The cached objects of `resource` in `namespace`.
  func objects(_ resource: APIResource, in namespace: String) -> [JSONValue] {
    if let index {
      return index.objects(kind: resource.kind, namespace: namespace).filter {
        DetailFields.group($0) == resource.group
      }
    }
    return (related[resource.kind] ?? []).filter {
      DetailFields.namespace($0) == namespace && DetailFields.group($0) == resource.group
    }
  }

  /// The Pods serving `object`, along its kind's instance links (an AICluster's own, an
  /// InferenceService's through its AIClusters, …); for any other kind the Pods it owns directly.
  func pods(of object: JSONValue) -> [JSONValue] {
    guard let descriptor = registry.descriptor(of: object), descriptor.hasInstances else {
      if let index { return Self.owned(by: object, CoreResources.pods, in: index) }
      return objects(CoreResources.pods, in: DetailFields.namespace(object)).filter {
        DetailFields.isOwned($0, by: object)
      }
    }
    return descriptor.instances.flatMap { link in
      let found = targets(of: object, link)
      if case .pods = link { return found }
      return found.flatMap(pods(of:))
    }
  }

  /// The objects `link` leads to from `object`.
  func targets(of object: JSONValue, _ link: KindLink) -> [JSONValue] {
    if let index, let found = Self.targets(of: object, link, in: index) { return found }
    return link.targets(of: object, among: objects(link.target, in: DetailFields.namespace(object)))
  }

  /// The ControllerRevisions `object` owns.
  func revisions(of object: JSONValue) -> [JSONValue] {
    if let index { return Self.owned(by: object, CoreResources.controllerRevisions, in: index) }
    return objects(CoreResources.controllerRevisions, in: DetailFields.namespace(object)).filter {
      DetailFields.isOwned($0, by: object)
    }
  }

  /// The Events about `object` (by uid, or by kind, name and namespace for Events that carry
  /// no uid), as `involvedObject` (core/v1) or `regarding` (events.k8s.io/v1) names it.
  func events(of object: JSONValue) -> [JSONValue] {
    let (uid, kind, name) = (DetailFields.uid(object), DetailFields.kind(object), DetailFields.name(object))
    let namespace = DetailFields.namespace(object)
    return (related[CoreResources.events.kind] ?? []).filter { event in
      guard let subject = event["involvedObject"] ?? event["regarding"] else { return false }
      if let subjectUID = subject["uid"]?.stringValue, !subjectUID.isEmpty, !uid.isEmpty { return subjectUID == uid }
      return subject["kind"]?.stringValue == kind && subject["name"]?.stringValue == name
        && (subject["namespace"]?.stringValue ?? "") == namespace
    }
  }

  /// The objects directly under `object` in the owner tree: those its kind's descriptor links it
  /// to (an AIApplication's services and routes, an AICluster's Pods), and whatever names `object`
  /// as its owner.
  func children(of object: JSONValue) -> [JSONValue] {
    var found = (registry.descriptor(of: object)?.children ?? []).flatMap { targets(of: object, $0) }
    let namespace = DetailFields.namespace(object)
    if let index {
      found += index.owned(by: DetailFields.uid(object)).filter {
        !Self.notInTree.contains($0.kind) && DetailFields.namespace($0.object) == namespace
      }.map(\.object)
      return Self.unique(found)
    }
    for (kind, items) in related.sorted(by: { $0.key < $1.key }) where !Self.notInTree.contains(kind) {
      for item in items where DetailFields.namespace(item) == namespace && DetailFields.isOwned(item, by: object) {
        found.append(item)
      }
    }
    return Self.unique(found)
  }

  /// The object above `object` in the owner tree: a cached owner, else the object whose kind's
  /// descriptor links to it (the AICluster a Pod's label names, the AIApplication listing a route).
  func parent(of object: JSONValue) -> JSONValue? {
    let namespace = DetailFields.namespace(object)
    let owners = Set(DetailFields.ownerUIDs(object))
    if let index { return Self.parent(of: object, owners: owners, registry: registry, in: index) }
    if !owners.isEmpty {
      for (kind, items) in related.sorted(by: { $0.key < $1.key }) where !Self.notInTree.contains(kind) {
        if let owner = items.first(where: { owners.contains(DetailFields.uid($0)) }) { return owner }
      }
    }
    let group = DetailFields.group(object)
    let kind = DetailFields.kind(object)
    for descriptor in registry.all {
      for link in descriptor.children where link.target.group == group && link.target.kind == kind {
        let owner = objects(descriptor.resource, in: namespace).first { link.leads(from: $0, to: object) }
        if let owner { return owner }
      }
    }
    return nil
  }

  /// `objects` without repeats (by uid, or kind and name when there is no uid).
  static func unique(_ objects: [JSONValue]) -> [JSONValue] {
    var seen: Set<String> = []
    return objects.filter { seen.insert(identity(of: $0)).inserted }
  }

  /// A stable identity for an object: its uid, or `kind/namespace/name`.
  static func identity(of object: JSONValue) -> String {
    let uid = DetailFields.uid(object)
    guard uid.isEmpty else { return uid }
    return "\(DetailFields.kind(object))/\(DetailFields.namespace(object))/\(DetailFields.name(object))"
  }
}

/// The lookups through the store's `OwnerIndex`: the same answers as the scans of `related`,
/// ordered by kind, namespace and name.
extension DetailRelations {
  /// The objects of `resource` in `object`'s namespace that name it as their owner.
  static func owned(by object: JSONValue, _ resource: APIResource, in index: OwnerIndex) -> [JSONValue] {
    let namespace = DetailFields.namespace(object)
    return index.owned(by: DetailFields.uid(object)).filter {
      $0.kind == resource.kind && DetailFields.namespace($0.object) == namespace
        && DetailFields.group($0.object) == resource.group
    }.map(\.object)
  }

  /// The objects `link` leads to from `object`; nil when the index does not hold the link's label.
  static func targets(of object: JSONValue, _ link: KindLink, in index: OwnerIndex) -> [JSONValue]? {
    let (target, namespace) = (link.target, DetailFields.namespace(object))
    switch link {
    case .pods(let label), .owned(_, let label):
      let name = DetailFields.name(object)
      guard let labelled = index.objects(kind: target.kind, namespace: namespace, label: label, value: name) else {
        return nil
      }
      let found = owned(by: object, target, in: index) + labelled.filter { DetailFields.group($0) == target.group }
      return unique(found.sorted { ResourceStore.key($0) < ResourceStore.key($1) })
    case .listed(let resource, let path, let key):
      return (object[path: path]?.arrayValue ?? []).compactMap { entry in
        guard let name = entry[key]?.stringValue else { return nil }
        return index.objects(kind: target.kind, namespace: namespace, name: name).first {
          DetailFields.group($0) == resource.group && DetailFields.kind($0) == resource.kind
        }
      }
    }
  }

  /// `parent(of:)` through the index: a cached owner (first by kind), else the object whose
  /// kind's link leads to `object` (by the name its label carries, or listing it).
  static func parent(
    of object: JSONValue, owners: Set<String>, registry: KindRegistry, in index: OwnerIndex
  ) -> JSONValue? {
    let cached = owners.flatMap { index.objects(uid: $0) }.filter { !notInTree.contains($0.kind) }
    if let owner = cached.min(by: { ($0.kind, ResourceStore.key($0.object)) < ($1.kind, ResourceStore.key($1.object)) })
    {
      return owner.object
    }
    let (group, kind, namespace) = (
      DetailFields.group(object), DetailFields.kind(object), DetailFields.namespace(object)
    )
    for descriptor in registry.all {
      for link in descriptor.children where link.target.group == group && link.target.kind == kind {
        let resource = descriptor.resource
        let candidates: [JSONValue]
        switch link {
        case .pods(let label), .owned(_, let label):
          // Owned through a reference would have been found above: only the label can lead here.
          guard let name = DetailFields.label(object, label) else { continue }
          candidates = index.objects(kind: resource.kind, namespace: namespace, name: name)
        case .listed:
          candidates = index.objects(kind: resource.kind, namespace: namespace)
        }
        let owner = candidates.first { DetailFields.group($0) == resource.group && link.leads(from: $0, to: object) }
        if let owner { return owner }
      }
    }
    return nil
  }
}
