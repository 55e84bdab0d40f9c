import AIResources
import ClusterClient
import KubeCore

extension ClusterOperations {
  /// An AIModelRoute as YAML to edit, as `kubectl edit` shows it (without managedFields).
  func routeYAML(_ name: String) async throws(OperationError) -> String {
    do {
      return KubectlOutput.yaml(try await object(.modelRoute, name))
    } catch {
      throw OperationError(error)
    }
  }

  /// Replaces an AIModelRoute with the operator's edited YAML in one update. The update carries
  /// the text's resourceVersion, so an edit of a route someone changed meanwhile is a `conflict`
  /// (with the route as it is now in `current`); a refusal is `invalid` with each field's
  /// message. Every error keeps `text`, the operator's edit, so that nothing typed is lost.
  func editRoute(_ name: String, yaml text: String) async throws(OperationError) -> OperationResult {
    try await perform("route-edit", .modelRoute, name, text: text) { changeID in
      try await replaceRoute(name, with: try Self.parseRoute(text, name: name), changeID: changeID, text: text)
    }
  }

  /// Replaces an AIModelRoute with `edited` (from the console's form), under the same rules as
  /// `editRoute`: the object's resourceVersion makes an edit of a changed route a `conflict`.
  func editRoute(_ name: String, object edited: JSONValue) async throws(OperationError) -> OperationResult {
    try await perform("route-edit", .modelRoute, name) { changeID in
      try await replaceRoute(name, with: edited, changeID: changeID, text: nil)
    }
  }

  private func replaceRoute(_ name: String, with edited: JSONValue, changeID: String, text: String?) async throws
    -> OperationResult
  {
    var edited = edited
    let before = try await object(.modelRoute, name)
    let changes = FieldChange.diff(before["spec"], edited["spec"], at: ["spec"])
    // The update is conditional on the generation the edit was opened at, which `edited` carries.
    ChangeStamp(id: changeID, editing: edited, changesSpec: !changes.isEmpty).stamp(&edited)
    edited.set(.string(namespace), at: ["metadata", "namespace"])
    let after = try await updateRoute(name, edited, text: text)
    let fields = changes.isEmpty ? "no spec change" : changes.map(\.field).joined(separator: ", ")
    return OperationResult(
      action: "route-edit", target: "aimodelroute/\(name)", changeID: changeID,
      changes: changes, object: after,
      summary: "aimodelroute/\(name) edited (\(fields))")
  }

  /// Sends the update with the resourceVersion the edit was opened on; a conflict that left the
  /// spec, labels and annotations as the operator saw them is sent again, as a scale is.
  private func updateRoute(_ name: String, _ edited: JSONValue, text: String?) async throws -> JSONValue {
    try await sendRetryingForeignConflicts(
      .modelRoute, name, resourceVersion: edited[path: ["metadata", "resourceVersion"]], text: text,
      stillAsOpened: { Self.changedOnlyOutsideTheEdit($0, edited) }
    ) { version in
      var edited = edited
      if let version { edited.set(version, at: ["metadata", "resourceVersion"]) }
      return try await client.update(OperationKind.modelRoute.resource, edited, fieldManager: ChangeID.fieldManager)
    }
  }

  /// Whether `current` differs from what the operator opened only where an edit does not write:
  /// the same generation (so the same spec) and the same labels and annotations, a change-id aside.
  static func changedOnlyOutsideTheEdit(_ current: JSONValue, _ edited: JSONValue) -> Bool {
    // An absent map and an empty one are the same labels; the change-id is every edit's own.
    func metadata(_ object: JSONValue) -> [JSONValue] {
      var annotations = object[path: ["metadata", "annotations"]] ?? .emptyObject
      annotations.set(nil, at: [ChangeStamp.idAnnotation])
      annotations.set(nil, at: [ChangeStamp.generationAnnotation])
      return [
        object[path: ["metadata", "generation"]] ?? .null, object[path: ["metadata", "labels"]] ?? .emptyObject,
        annotations,
      ]
    }
    return edited[path: ["metadata", "generation"]] != nil && metadata(current) == metadata(edited)
  }

  /// The route an edited text describes, refused before sending when it is not YAML, not an
  /// AIModelRoute, or names another route.
  static func parseRoute(_ text: String, name: String) throws(OperationError) -> JSONValue {
    let value: JSONValue
    do {
      value = try JSONValue.parseYAML(text)
    } catch {
      throw OperationError(.badInput, "the edited route is not valid YAML: \(error)", text: text)
    }
    guard value.objectValue != nil else {
      throw OperationError(.badInput, "the edited route is not a YAML object", text: text)
    }
    guard value["kind"]?.stringValue == OperationKind.modelRoute.rawValue else {
      let kind = value["kind"]?.stringValue ?? "no kind"
      throw OperationError(.badInput, "the edited object is a \(kind), not an AIModelRoute", text: text)
    }
    guard value[path: ["metadata", "name"]]?.stringValue == name else {
      throw OperationError(.badInput, "metadata.name may not change (it must stay \"\(name)\")", text: text)
    }
    return value
  }
}
