import KubeCore

/// An object and everything under it in the console's cache: what it owns (owner references,
/// followed down), what its kind's descriptor links to (an InferenceService's AIClusters, an
/// AIApplication's services and routes) and the pods serving each. The Events of all of them
/// are what an SRE reads to learn why the object fails: the InferenceService's own events say
/// little, its AICluster's `CrashLoop` warning says why.
struct DetailSubtree: Sendable {
  /// How far down owners are followed; a guard against owner-reference cycles too.
  static let maxDepth = 6

  /// The object first, then the objects under it, each once.
  let members: [JSONValue]

  /// The subtree of `object` among `relations`' cached objects.
  init(of object: JSONValue, relations: DetailRelations) {
    // Through the store's index a lookup per member; without it, one pass over the cache.
    let scanned = relations.index == nil ? Self.ownedIndex(relations.related) : [:]
    let owned = { (uid: String) -> [JSONValue] in
      guard let index = relations.index else { return scanned[uid] ?? [] }
      return index.owned(by: uid).filter { !DetailRelations.notInTree.contains($0.kind) }.map(\.object)
    }
    var members = [object]
    var seen: Set<String> = [DetailRelations.identity(of: object)]
    var level = [object]
    for _ in 0..<Self.maxDepth where !level.isEmpty {
      var next: [JSONValue] = []
      for parent in level {
        let linked = (relations.registry.descriptor(of: parent)?.children ?? []).flatMap {
          relations.targets(of: parent, $0)
        }
        let below = linked + relations.pods(of: parent) + owned(DetailFields.uid(parent))
        for child in below where seen.insert(DetailRelations.identity(of: child)).inserted {
          next.append(child)
        }
      }
      members += next
      level = next
    }
    self.members = members
  }

  /// The Events involving any member (by uid where both sides carry one, else by kind,
  /// namespace and name), as core/v1 `involvedObject` or events.k8s.io/v1 `regarding` names it.
  func events(among events: [JSONValue]) -> [JSONValue] {
    let uids = memberUIDs()
    return events.filter { event in
      guard let subject = event["involvedObject"] ?? event["regarding"] else { return false }
      let key = Self.key(
        kind: subject["kind"]?.stringValue ?? "", namespace: subject["namespace"]?.stringValue ?? "",
        name: subject["name"]?.stringValue ?? "")
      guard let uid = uids[key] else { return false }
      let subjectUID = subject["uid"]?.stringValue ?? ""
      // A uid on both sides tells a recreated object of the same name from the one seen.
      return subjectUID.isEmpty || uid.isEmpty || subjectUID == uid
    }
  }

  /// `events(among:)` of the Events `index` holds, looked up by member.
  func events(in index: OwnerIndex) -> [JSONValue] {
    let found = members.flatMap {
      index.events(
        about: DetailFields.kind($0), namespace: DetailFields.namespace($0), name: DetailFields.name($0))
    }
    return events(among: DetailRelations.unique(found))
  }

  /// The uid of each member by `kind/namespace/name` (the last member of a key wins).
  private func memberUIDs() -> [String: String] {
    var uids: [String: String] = [:]
    for member in members {
      let key = Self.key(
        kind: DetailFields.kind(member), namespace: DetailFields.namespace(member), name: DetailFields.name(member))
      uids[key] = DetailFields.uid(member)
    }
    return uids
  }

  /// The cached objects by the uid of each owner they name, the Events and revisions left out.
  static func ownedIndex(_ related: [String: [JSONValue]]) -> [String: [JSONValue]] {
    var index: [String: [JSONValue]] = [:]
    for (kind, items) in related.sorted(by: { $0.key < $1.key }) where !DetailRelations.notInTree.contains(kind) {
      for item in items {
        for uid in Set(DetailFields.ownerUIDs(item)) { index[uid, default: []].append(item) }
      }
    }
    return index
  }

  private static func key(kind: String, namespace: String, name: String) -> String {
    "\(kind)/\(namespace)/\(name)"
  }
}
