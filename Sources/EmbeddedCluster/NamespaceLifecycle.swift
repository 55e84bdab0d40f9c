import Foundation
import KubeCore

/// A namespace's life as kube-apiserver and its namespace controller lead it: created with the
/// `kubernetes` finalizer in `spec.finalizers`; a DELETE marks it Terminating (deletionTimestamp,
/// `status.phase: Terminating`) and answers the Namespace; the controller deletes what it holds,
/// and once nothing is left removes the finalizer (as `PUT .../finalize` does) and deletes it.
/// While it terminates, creating in it is 403 Forbidden with a `NamespaceTerminating` cause.
enum NamespaceLifecycle {
  /// The finalizer the namespace controller owns.
  static let finalizer = "kubernetes"

  /// A namespace as created: Active, with the `kubernetes` finalizer.
  static func created(_ input: JSONValue) -> JSONValue {
    var namespace = input
    var finalizers = (namespace["spec"]?["finalizers"]?.arrayValue ?? []).compactMap(\.stringValue)
    if !finalizers.contains(finalizer) { finalizers.append(finalizer) }
    namespace.set(.array(finalizers.map { .string($0) }), at: ["spec", "finalizers"])
    namespace["status"] = ["phase": "Active"]
    return namespace
  }

  /// A namespace marked for deletion: deletionTimestamp (once) and phase Terminating.
  static func terminating(_ input: JSONValue, now: Date) -> JSONValue {
    var namespace = input
    if namespace["metadata"]?["deletionTimestamp"] == nil {
      namespace.set(.string(Timestamps.format(now)), at: ["metadata", "deletionTimestamp"])
    }
    namespace.set("Terminating", at: ["status", "phase"])
    return namespace
  }

  /// Whether a stored namespace is being deleted.
  static func isTerminating(_ namespace: JSONValue) -> Bool {
    namespace["metadata"]?["deletionTimestamp"] != nil || namespace["status"]?["phase"] == "Terminating"
  }

  /// The spec finalizers a namespace still waits for.
  static func specFinalizers(_ namespace: JSONValue) -> [String] {
    (namespace["spec"]?["finalizers"]?.arrayValue ?? []).compactMap(\.stringValue)
  }

  /// The NamespaceLifecycle admission plugin's refusal of a create in a terminating namespace.
  static func refusal(_ resource: GroupResource, name: String, namespace: String) -> StatusError {
    var details: JSONValue = ["name": .string(name)]
    if !resource.group.isEmpty { details["group"] = .string(resource.group) }
    details["kind"] = .string(resource.resource)
    details["causes"] = [
      [
        "reason": "NamespaceTerminating", "message": .string("namespace \(namespace) is being terminated"),
        "field": "metadata.namespace",
      ]
    ]
    return StatusError(
      code: 403, reason: "Forbidden",
      message:
        "\(resource) \"\(name)\" is forbidden: unable to create new content in namespace \(namespace) because it is being terminated",
      details: details)
  }
}

extension APIServer {
  private var namespaces: ResourceInfo { BuiltinResources.namespaces }

  private func namespaceKey(_ name: String) -> ObjectKey {
    ObjectKey(resource: namespaces.groupResource, namespace: "", name: name)
  }

  /// DELETE of a namespace: marks it Terminating, answers it, and runs the namespace controller.
  func deleteNamespace(_ scoped: ScopedRequest, options: DeleteOptions) async throws -> APIResponse {
    let time = now()
    let marked = try await store.write(scoped.key) { current in
      guard let current else { throw StatusError.notFound(scoped.info.groupResource, name: scoped.key.name) }
      try options.check(current, info: scoped.info)
      let next = NamespaceLifecycle.terminating(current.value, now: time)
      return ObjectLifecycle.sameContent(current.value, next) ? .unchanged : .put(next)
    }
    guard let marked else { throw StatusError.notFound(scoped.info.groupResource, name: scoped.key.name) }
    try await sweepNamespace(scoped.key.name)
    return try render(marked, scoped)
  }

  /// The namespace controller's pass: deletes every object in the namespace, then finishes it.
  func sweepNamespace(_ name: String) async throws {
    for info in registry.all where info.namespaced {
      for object in await store.list(ObjectFilter(resource: info.groupResource, namespace: name)).items
      where object.value["metadata"]?["deletionTimestamp"] == nil {
        _ = try? await deleteObject(object.key, info: info, options: .background)
      }
    }
    try await finishNamespaceIfEmpty(name)
  }

  /// Once a terminating namespace holds nothing, removes its `kubernetes` finalizer and deletes it.
  func finishNamespaceIfEmpty(_ name: String) async throws {
    guard !name.isEmpty, let namespace = await store.get(namespaceKey(name)),
      NamespaceLifecycle.isTerminating(namespace.value)
    else { return }
    for info in registry.all where info.namespaced {
      let filter = ObjectFilter(resource: info.groupResource, namespace: name)
      if !(await store.list(filter, limit: 1).items.isEmpty) { return }
    }
    _ = try await store.write(namespaceKey(name)) { current in
      guard var value = current?.value else { return .unchanged }
      let remaining = NamespaceLifecycle.specFinalizers(value).filter { $0 != NamespaceLifecycle.finalizer }
      value.set(.array(remaining.map { .string($0) }), at: ["spec", "finalizers"])
      return ObjectLifecycle.readyToVanish(value) ? .delete : .put(value)
    }
  }

  /// Refuses a create in a namespace that is being terminated.
  func refuseCreateIfTerminating(_ scoped: ScopedRequest, name: String) async throws {
    guard scoped.info.namespaced, let namespace = await store.get(namespaceKey(scoped.namespace)),
      NamespaceLifecycle.isTerminating(namespace.value)
    else { return }
    throw NamespaceLifecycle.refusal(scoped.info.groupResource, name: name, namespace: scoped.namespace)
  }

  /// PUT `namespaces/NAME/finalize`: sets `spec.finalizers` only; a terminating namespace left
  /// with none goes once it is empty.
  func finalizeNamespace(_ scoped: ScopedRequest) async throws -> APIResponse {
    let body = try scoped.decodedBody()
    let finalizers = body["spec"]?["finalizers"] ?? .array([])
    let key = scoped.key
    let missing = StatusError.notFound(scoped.info.groupResource, name: key.name)
    let stored = try await store.write(key) { current in
      guard var value = current?.value else { throw missing }
      value.set(finalizers, at: ["spec", "finalizers"])
      return .put(value)
    }
    guard let stored else { throw missing }
    try await finishNamespaceIfEmpty(key.name)
    return try render(stored, scoped)
  }
}
