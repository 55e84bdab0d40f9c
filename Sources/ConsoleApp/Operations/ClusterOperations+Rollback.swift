import ClusterClient
import KubeCore

extension ClusterOperations {
  /// The ControllerRevisions the controller keeps for an AICluster or InferenceService, oldest first.
  func revisions(_ kind: OperationKind, _ name: String) async throws -> [RollbackPlan.Revision] {
    let object = try await object(kind, name)
    return try await revisions(of: object)
  }

  /// The plan `rollback` would carry out, for a picker to show its diff before anything is sent.
  func rollbackPlan(_ kind: OperationKind, _ name: String, toRevision: Int64? = nil) async throws -> RollbackPlan {
    try await rollbackPlan(kind, of: try await object(kind, name), toRevision: toRevision)
  }

  /// The plan for `object` as read; refused when its controller would revert it.
  private func rollbackPlan(_ kind: OperationKind, of object: JSONValue, toRevision: Int64?) async throws
    -> RollbackPlan
  {
    let target = "\(kind.singular)/\(object[path: ["metadata", "name"]]?.stringValue ?? "")"
    try ControllingOwner.refuse(.rollback, object, target: target)
    return try RollbackPlan.choose(
      kind, object: object, revisions: try await revisions(of: object), toRevision: toRevision, target: target)
  }

  /// Rolls an AICluster's instance template or an InferenceService's `modelRef` back to the
  /// previous revision, or to `toRevision`, as one patch of the spec fields that differ.
  func rollback(_ kind: OperationKind, _ name: String, toRevision: Int64? = nil) async throws(OperationError)
    -> OperationResult
  {
    try await perform("rollback", kind, name) { changeID in
      guard kind == .aiCluster || kind == .inferenceService else {
        throw OperationError(.badInput, "a \(kind.rawValue) has no revisions to roll back to")
      }
      let object = try await object(kind, name)
      let plan = try await rollbackPlan(kind, of: object, toRevision: toRevision)
      let fields = plan.changes.map(\.description).joined(separator: ", ")
      return try await patch(
        kind, name, base: object, action: "rollback", changes: plan.changes, changeID: changeID,
        summary: "\(kind.singular)/\(name) rolled back to revision \(plan.revision.number) (\(fields))")
    }
  }

  private func revisions(of object: JSONValue) async throws -> [RollbackPlan.Revision] {
    // The controller labels each revision with its owner's name; the owner's uid is the proof.
    let label = object["kind"]?.stringValue == OperationKind.inferenceService.rawValue ? "inferenceservice" : "cluster"
    let name = object[path: ["metadata", "name"]]?.stringValue ?? ""
    let items = try await client.list(
      RollbackPlan.resource, namespace: namespace,
      options: ListOptions(labelSelector: "ai.aiconsole.dev/\(label)=\(name)")
    ).items
    return RollbackPlan.revisions(items, ownerUID: object[path: ["metadata", "uid"]]?.stringValue ?? "")
  }
}

extension RollbackPlan {
  /// apps/v1 ControllerRevisions.
  static let resource = CoreResources.controllerRevisions
}
