import AIResources
import ClusterClient
import KubeCore

extension ClusterOperations {
  /// Scales an AICluster or InferenceService through its `scale` subresource, after checking
  /// the count against the object's bounds. A Scale carries no annotations (the server keeps
  /// only its replicas), so the change-id is set on the object first and the scale is then made
  /// conditional on that write's resourceVersion: the reconcile the new count triggers sees the
  /// change-id, and another operation in between is a conflict rather than a silent overwrite.
  func scale(_ kind: OperationKind, _ name: String, replicas: Int) async throws(OperationError) -> OperationResult {
    try await perform("scale", kind, name) { changeID in
      guard kind == .aiCluster || kind == .inferenceService else {
        throw OperationError(.badInput, "a \(kind.rawValue) cannot be scaled")
      }
      let target = "\(kind.singular)/\(name)"
      let object = try await object(kind, name)
      try ControllingOwner.refuse(.scale, object, target: target)
      try ScaleBounds(object: object).check(replicas, target: target)
      let old = object[path: ["spec", "replicas"]]
      let stamp = ChangeStamp(id: changeID, editing: object, changesSpec: old != .int(Int64(replicas)))
      // The stamp alone first; the scale's conditional write then gives the stamped generation.
      let annotated = try await sendStamped(kind, name, base: object, changes: [], stamp: stamp)
      let scale = try await scaleSubresource(kind, name, to: replicas, changeID: changeID, annotated: annotated)
      let change = FieldChange(path: ["spec", "replicas"], old: old, new: .int(Int64(replicas)))
      return OperationResult(
        action: "scale", target: target, changeID: changeID, changes: [change], object: scale,
        summary: "\(target) scaled to \(replicas) (was \(FieldChange.text(old)))")
    }
  }

  /// Writes the Scale conditionally on the annotated object. Only a write that replaced the
  /// change-id or the replica count meanwhile is the operator's conflict.
  private func scaleSubresource(
    _ kind: OperationKind, _ name: String, to replicas: Int, changeID: String, annotated: JSONValue
  ) async throws -> JSONValue {
    try await sendRetryingForeignConflicts(
      kind, name, resourceVersion: annotated[path: ["metadata", "resourceVersion"]],
      stillAsOpened: { current in
        current[path: ["metadata", "annotations", ChangeID.annotation]] == .string(changeID)
          && current[path: ["metadata", "generation"]] == annotated[path: ["metadata", "generation"]]
          && current[path: ["spec", "replicas"]] == annotated[path: ["spec", "replicas"]]
      }
    ) { version in
      try await client.patch(
        kind.resource, name: name, namespace: namespace,
        .merge(["metadata": ["resourceVersion": version ?? .null], "spec": ["replicas": .int(Int64(replicas))]]),
        subresource: "scale", fieldManager: ChangeID.fieldManager)
    }
  }
}
