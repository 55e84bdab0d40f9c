import KubeCore

/// Finds the objects around the selected one in the console's cache: its instances (Pods), its
/// revisions, the Events about it, and its owner and owned objects. Links are the ones the
/// controller makes (owner references, the `ai.aiconsole.dev/*` labels, an AIApplication's
/// `spec.services`), so the same lookups work in the embedded world and on a real cluster.
struct DetailRelations: Sendable {
  /// The label naming the AICluster a Pod belongs to.
  static let clusterLabel = "ai.aiconsole.dev/cluster"
  /// The label naming the InferenceService an AICluster belongs to.
  static let serviceLabel = "ai.aiconsole.dev/inferenceservice"
  /// Kinds that are about an object rather than part of it, left out of the owner tree.
  static let notInTree: Set<String> = ["Event", "ControllerRevision"]

  /// Every cached object by kind name.
  var related: [String: [JSONValue]]

  /// The cached objects of `kind` in `namespace`.
  func objects(_ kind: String, in namespace: String) -> [JSONValue] {
    (related[kind] ?? []).filter { DetailFields.namespace($0) == namespace }
  }

  /// The Pods serving `object`: for an AICluster those it owns or labels, for an
  /// InferenceService those of its AIClusters, for an AIApplication those of its services, and
  /// for any other kind the Pods it owns directly.
  func pods(of object: JSONValue) -> [JSONValue] {
    let namespace = DetailFields.namespace(object)
    if DetailFields.isAI(object, kind: "AICluster") {
      let name = DetailFields.name(object)
      return objects("Pod", in: namespace).filter {
        DetailFields.isOwned($0, by: object) || DetailFields.label($0, Self.clusterLabel) == name
      }
    }
    if DetailFields.isAI(object, kind: "InferenceService") { return clusters(of: object).flatMap(pods(of:)) }
    if DetailFields.isAI(object, kind: "AIApplication") { return services(of: object).flatMap(pods(of:)) }
    return objects("Pod", in: namespace).filter { DetailFields.isOwned($0, by: object) }
  }

  /// The AIClusters an InferenceService owns (by owner reference or by label).
  func clusters(of service: JSONValue) -> [JSONValue] {
    let name = DetailFields.name(service)
    return objects("AICluster", in: DetailFields.namespace(service)).filter {
      DetailFields.isOwned($0, by: service) || DetailFields.label($0, Self.serviceLabel) == name
    }
  }

  /// The InferenceServices an AIApplication names in `spec.services`, in its order.
  func services(of application: JSONValue) -> [JSONValue] {
    named("InferenceService", in: application, path: ["spec", "services"])
  }

  /// The AIModelRoutes an AIApplication names in `spec.routes`, in its order.
  func routes(of application: JSONValue) -> [JSONValue] {
    named("AIModelRoute", in: application, path: ["spec", "routes"])
  }

  /// The ControllerRevisions `object` owns.
  func revisions(of object: JSONValue) -> [JSONValue] {
    objects("ControllerRevision", in: DetailFields.namespace(object)).filter { DetailFields.isOwned($0, by: object) }
  }

  /// The Events about `object` (by uid, or by kind, name and namespace for Events that carry
  /// no uid), as `involvedObject` (core/v1) or `regarding` (events.k8s.io/v1) names it.
  func events(of object: JSONValue) -> [JSONValue] {
    let (uid, kind, name) = (DetailFields.uid(object), DetailFields.kind(object), DetailFields.name(object))
    let namespace = DetailFields.namespace(object)
    return (related["Event"] ?? []).filter { event in
      guard let subject = event["involvedObject"] ?? event["regarding"] else { return false }
      if let subjectUID = subject["uid"]?.stringValue, !subjectUID.isEmpty, !uid.isEmpty { return subjectUID == uid }
      return subject["kind"]?.stringValue == kind && subject["name"]?.stringValue == name
        && (subject["namespace"]?.stringValue ?? "") == namespace
    }
  }

  /// The objects directly under `object` in the owner tree: an AIApplication's services and
  /// routes, an AICluster's Pods, and whatever names `object` as its owner.
  func children(of object: JSONValue) -> [JSONValue] {
    var found: [JSONValue] = []
    if DetailFields.isAI(object, kind: "AIApplication") { found = services(of: object) + routes(of: object) }
    if DetailFields.isAI(object, kind: "InferenceService") { found = clusters(of: object) }
    if DetailFields.isAI(object, kind: "AICluster") { found = pods(of: object) }
    let namespace = DetailFields.namespace(object)
    for (kind, items) in related.sorted(by: { $0.key < $1.key }) where !Self.notInTree.contains(kind) {
      for item in items where DetailFields.namespace(item) == namespace && DetailFields.isOwned(item, by: object) {
        found.append(item)
      }
    }
    return Self.unique(found)
  }

  /// The object above `object` in the owner tree: a cached owner, else the AICluster or
  /// InferenceService its label names, else for a service or route the AIApplication listing it.
  func parent(of object: JSONValue) -> JSONValue? {
    let namespace = DetailFields.namespace(object)
    let owners = Set(DetailFields.ownerUIDs(object))
    if !owners.isEmpty {
      for (kind, items) in related.sorted(by: { $0.key < $1.key }) where !Self.notInTree.contains(kind) {
        if let owner = items.first(where: { owners.contains(DetailFields.uid($0)) }) { return owner }
      }
    }
    if DetailFields.kind(object) == "Pod", let name = DetailFields.label(object, Self.clusterLabel) {
      return objects("AICluster", in: namespace).first { DetailFields.name($0) == name }
    }
    if DetailFields.isAI(object, kind: "AICluster"), let name = DetailFields.label(object, Self.serviceLabel) {
      return objects("InferenceService", in: namespace).first { DetailFields.name($0) == name }
    }
    if DetailFields.isAI(object, kind: "InferenceService") || DetailFields.isAI(object, kind: "AIModelRoute") {
      let name = DetailFields.name(object)
      let path = DetailFields.kind(object) == "InferenceService" ? "services" : "routes"
      return objects("AIApplication", in: namespace).first { application in
        (application[path: ["spec", path]]?.arrayValue ?? []).contains { $0["name"]?.stringValue == name }
      }
    }
    return nil
  }

  private func named(_ kind: String, in owner: JSONValue, path: [String]) -> [JSONValue] {
    let candidates = objects(kind, in: DetailFields.namespace(owner)).filter {
      DetailFields.group($0) == DetailFields.aiGroup
    }
    return (owner[path: path]?.arrayValue ?? []).compactMap { reference in
      candidates.first { DetailFields.name($0) == reference["name"]?.stringValue }
    }
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
