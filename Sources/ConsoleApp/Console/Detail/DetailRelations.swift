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

  /// The cached objects of `resource` in `namespace`.
  func objects(_ resource: APIResource, in namespace: String) -> [JSONValue] {
    (related[resource.kind] ?? []).filter {
      DetailFields.namespace($0) == namespace && DetailFields.group($0) == resource.group
    }
  }

  /// The Pods serving `object`, along its kind's instance links (an AICluster's own, an
  /// InferenceService's through its AIClusters, …); for any other kind the Pods it owns directly.
  func pods(of object: JSONValue) -> [JSONValue] {
    guard let descriptor = registry.descriptor(of: object), descriptor.hasInstances else {
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
    link.targets(of: object, among: objects(link.target, in: DetailFields.namespace(object)))
  }

  /// The ControllerRevisions `object` owns.
  func revisions(of object: JSONValue) -> [JSONValue] {
    objects(CoreResources.controllerRevisions, in: DetailFields.namespace(object)).filter {
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
