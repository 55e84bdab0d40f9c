import KubeCore

extension APIServer {
  /// Who a write through `scoped` is made by, as `FieldManager` records it: the `fieldManager`
  /// parameter (required for an apply, 422 otherwise, as kube-apiserver answers) or the
  /// User-Agent's product; `force` only with an apply.
  func fieldManager(
    _ scoped: ScopedRequest, _ operation: ManagedFieldsEntry.Operation, subresource: String? = nil
  ) throws(StatusError) -> FieldManager {
    let requested = scoped.request.parameter("fieldManager")
    if operation == .apply, (requested ?? "").isEmpty {
      throw Self.patchOption(
        "fieldManager", reason: "FieldValueRequired", "Required value: is required for apply patch")
    }
    let force = scoped.request.parameter("force")
    if force != nil, operation != .apply {
      throw Self.patchOption(
        "force", reason: "FieldValueForbidden", "Forbidden: may not be specified for non-apply patch")
    }
    let info = scoped.info
    return FieldManager(
      manager: try FieldManager.name(fieldManager: requested, userAgent: scoped.request.userAgent),
      operation: operation, subresource: subresource ?? scoped.path.subresource, force: force == "true",
      apiVersion: info.group.isEmpty ? info.version : "\(info.group)/\(info.version)", now: now(),
      fields: ObjectFields(builtin: !info.isCustom), hasStatus: info.hasStatus)
  }

  /// A 422 about a PatchOptions field, in kube-apiserver's words.
  static func patchOption(_ field: String, reason: String, _ message: String) -> StatusError {
    StatusError(
      code: 422, reason: "Invalid", message: "PatchOptions.meta.k8s.io \"\" is invalid: \(field): \(message)",
      details: [
        "group": "meta.k8s.io", "kind": "PatchOptions",
        "causes": [["reason": .string(reason), "message": .string(message), "field": .string(field)]],
      ])
  }
}
