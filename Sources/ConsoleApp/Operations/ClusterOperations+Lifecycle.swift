import ClusterClient
import KubeCore

extension ClusterOperations {
  /// Pauses (or resumes) an AICluster's rollouts through `spec.paused`.
  func setPaused(_ name: String, _ paused: Bool) async throws(OperationError) -> OperationResult {
    let action = paused ? "pause" : "resume"
    return try await perform(action, .aiCluster, name) { changeID in
      let object = try await object(.aiCluster, name)
      let change = FieldChange(path: ["spec", "paused"], old: object[path: ["spec", "paused"]], new: .bool(paused))
      return try await patch(
        .aiCluster, name, base: object, action: action, changes: [change], changeID: changeID,
        summary: "aicluster/\(name) \(paused ? "paused" : "resumed")")
    }
  }

  /// What deleting an object takes with it: the AIClusters and Pods it owns, directly or
  /// through its AIClusters, as `kind/name` lines for a confirmation dialog.
  func dependents(_ kind: OperationKind, _ name: String) async throws -> [String] {
    let object = try await object(kind, name)
    let uid = object[path: ["metadata", "uid"]]?.stringValue ?? ""
    let clusters = try await client.list(OperationKind.aiCluster.resource, namespace: namespace).items
    let pods = try await client.list(Self.pods, namespace: namespace).items
    let ownedClusters = clusters.filter { Self.isOwned($0, by: [uid]) }
    let owners = Set([uid] + ownedClusters.compactMap { $0[path: ["metadata", "uid"]]?.stringValue })
    return ownedClusters.map { "aicluster/\(Self.name(of: $0))" }
      + pods.filter { Self.isOwned($0, by: owners) }.map { "pod/\(Self.name(of: $0))" }
  }

  /// Deletes an object; the garbage collector removes what it owns (see `dependents`).
  func delete(_ kind: OperationKind, _ name: String) async throws(OperationError) -> OperationResult {
    try await perform("delete", kind, name) { changeID in
      let owned = try await dependents(kind, name)
      let answer = try await client.delete(kind.resource, name: name, namespace: namespace, propagation: .background)
      let noun = owned.count == 1 ? "dependent" : "dependents"
      let extra = owned.isEmpty ? "" : " with \(owned.count) \(noun) (\(owned.joined(separator: ", ")))"
      return OperationResult(
        action: "delete", target: "\(kind.singular)/\(name)", changeID: changeID, changes: [], object: answer,
        summary: "\(kind.singular)/\(name) deleted\(extra)")
    }
  }

  static let pods = CoreResources.pods

  static func isOwned(_ object: JSONValue, by owners: Set<String>) -> Bool {
    object[path: ["metadata", "ownerReferences"]]?.arrayValue?.contains {
      owners.contains($0["uid"]?.stringValue ?? "")
    } == true
  }

  static func name(of object: JSONValue) -> String { object[path: ["metadata", "name"]]?.stringValue ?? "" }
}
