import ClusterClient
import KubeCore

/// The history of what an owner ran, as apps/v1 ControllerRevisions it owns, one per distinct
/// template and numbered in the order they were last made current — as a Deployment numbers its
/// ReplicaSets. Going back to an earlier template renumbers its revision as the newest instead of
/// making a copy, so the history shows each template once and rollback is just a spec edit.
struct RevisionHistory: Sendable {
  static let resource = CoreResources.controllerRevisions
  /// The label key that ties a revision to its owner (its value is the owner's name).
  static let revisionLabel = "ai.aiconsole.dev/revision"

  let client: KubeClient
  /// The owner reference each revision carries.
  let owner: JSONValue
  let namespace: String
  let ownerName: String
  /// The label naming the owner, e.g. `ai.aiconsole.dev/cluster`.
  let ownerLabel: String

  /// The owner's revisions, oldest first.
  func list() async throws -> [JSONValue] {
    let items = try await client.list(
      Self.resource, namespace: namespace, options: ListOptions(labelSelector: "\(ownerLabel)=\(ownerName)")
    ).items
    return items.sorted { Self.number($0) < Self.number($1) }
  }

  /// Makes the revision of `hash` the newest, creating it with `data` when it is new. Returns the
  /// revisions after the change (oldest first) and the current one.
  func makeCurrent(hash: String, data: JSONValue, in revisions: [JSONValue]) async throws -> (
    revisions: [JSONValue], current: JSONValue
  ) {
    var revisions = revisions
    let newest = revisions.map(Self.number).max() ?? 0
    if let index = revisions.firstIndex(where: { Self.hash($0) == hash }) {
      guard Self.number(revisions[index]) != newest else { return (revisions, revisions[index]) }
      var revision = revisions.remove(at: index)
      revision["revision"] = .int(newest + 1)
      revision = try await client.update(Self.resource, revision)
      revisions.append(revision)
      return (revisions, revision)
    }
    let revision: JSONValue = [
      "apiVersion": "apps/v1", "kind": "ControllerRevision",
      "metadata": [
        "name": .string("\(ownerName)-\(hash)"), "namespace": .string(namespace),
        "labels": [ownerLabel: .string(ownerName), Self.revisionLabel: .string(hash)],
        "ownerReferences": [owner],
      ],
      "data": data, "revision": .int(newest + 1),
    ]
    let created: JSONValue
    do {
      created = try await client.create(Self.resource, revision)
    } catch KubeError.alreadyExists {
      // Made by a reconcile whose list this one did not see; take it as it is.
      created = try await client.get(Self.resource, name: "\(ownerName)-\(hash)", namespace: namespace)
    }
    revisions.append(created)
    return (revisions, created)
  }

  /// Deletes the oldest revisions beyond `limit`, never one in `keep` (the current one and those
  /// that still have instances).
  func prune(_ revisions: [JSONValue], limit: Int, keep: Set<String>) async throws {
    let removable = revisions.filter { !keep.contains(Self.hash($0)) }
    for revision in removable.dropLast(max(0, limit)) {
      guard let name = revision[path: ["metadata", "name"]]?.stringValue else { continue }
      do {
        try await client.delete(Self.resource, name: name, namespace: namespace)
      } catch KubeError.notFound {}
    }
  }

  static func number(_ revision: JSONValue) -> Int64 { revision["revision"]?.intValue ?? 0 }
  static func hash(_ revision: JSONValue) -> String {
    revision[path: ["metadata", "labels", revisionLabel]]?.stringValue ?? ""
  }
}
