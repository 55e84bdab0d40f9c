import KubeCore

/// Garbage collection by ownerReferences, run right after the deletes that cause it: dependents of
/// a deleted owner are deleted (Background), or stripped of the reference (Orphan); an owner in
/// Foreground deletion vanishes once its last dependent is gone. The last object to leave a
/// terminating namespace lets the namespace go (`NamespaceLifecycle`); deleting a CRD deletes its
/// custom objects and stops serving them.
struct GarbageCollector {
  let server: APIServer

  private var store: ObjectStore { server.store }

  /// Collects after `tombstone` left the store.
  func collect(after tombstone: StoredObject, orphan: Bool) async throws {
    if tombstone.key.resource == BuiltinResources.namespaces.groupResource {
      try await deleteNamespaceContents(tombstone.key.name)
    }
    if tombstone.key.resource == BuiltinResources.services.groupResource { server.serviceIPs.release(tombstone.value) }
    if tombstone.key.resource == BuiltinResources.customResourceDefinitions.groupResource {
      try await deleteCustomObjects(of: tombstone.value)
    }
    if !orphan { try await deleteDependents(of: tombstone) }
    for reference in tombstone.value["metadata"]?["ownerReferences"]?.arrayValue ?? [] {
      try await finalizeForegroundOwner(reference, namespace: tombstone.key.namespace)
    }
    try await server.finishNamespaceIfEmpty(tombstone.key.namespace)
  }

  /// Deletes (in the background) every object that names `owner` as an owner.
  func deleteDependents(of owner: StoredObject) async throws {
    guard let uid = owner.value["metadata"]?["uid"]?.stringValue else { return }
    for key in await store.dependents(ofUID: uid) {
      guard let info = server.registry.lookup(groupResource: key.resource), await store.get(key) != nil else {
        continue
      }
      guard let dependent = await store.get(key), dependent.value["metadata"]?["deletionTimestamp"] == nil else {
        continue
      }
      _ = try? await server.deleteObject(key, info: info, options: .background)
    }
    if await store.get(owner.key) != nil, await store.dependents(ofUID: uid).isEmpty {
      try await removeForegroundFinalizer(owner.key)
    }
  }

  /// Removes the ownerReference to the object at `key` from all its dependents.
  func orphan(dependentsOf key: ObjectKey) async throws {
    guard let owner = await store.get(key), let uid = owner.value["metadata"]?["uid"]?.stringValue else { return }
    for dependentKey in await store.dependents(ofUID: uid) {
      _ = try await store.write(dependentKey) { current in
        guard var value = current?.value else { return .unchanged }
        let references = value["metadata"]?["ownerReferences"]?.arrayValue ?? []
        value.set(.array(references.filter { $0["uid"]?.stringValue != uid }), at: ["metadata", "ownerReferences"])
        return .put(value)
      }
    }
  }

  private func finalizeForegroundOwner(_ reference: JSONValue, namespace: String) async throws {
    guard let apiVersion = reference["apiVersion"]?.stringValue, let kind = reference["kind"]?.stringValue,
      let name = reference["name"]?.stringValue, let info = server.registry.lookup(apiVersion: apiVersion, kind: kind)
    else { return }
    let key = ObjectKey(resource: info.groupResource, namespace: info.namespaced ? namespace : "", name: name)
    guard let owner = await store.get(key), let uid = owner.value["metadata"]?["uid"]?.stringValue,
      ObjectLifecycle.finalizers(owner.value).contains("foregroundDeletion"),
      await store.dependents(ofUID: uid).isEmpty
    else { return }
    try await removeForegroundFinalizer(key)
  }

  private func removeForegroundFinalizer(_ key: ObjectKey) async throws {
    let result = try await store.write(key) { current in
      guard var value = current?.value, value["metadata"]?["deletionTimestamp"] != nil else { return .unchanged }
      let remaining = ObjectLifecycle.finalizers(value).filter { $0 != "foregroundDeletion" }
      guard remaining.count != ObjectLifecycle.finalizers(value).count else { return .unchanged }
      if remaining.isEmpty { return .delete }
      value.set(.array(remaining.map { .string($0) }), at: ["metadata", "finalizers"])
      return .put(value)
    }
    if let result, await store.get(key) == nil { try await collect(after: result, orphan: false) }
  }

  private func deleteNamespaceContents(_ namespace: String) async throws {
    for info in server.registry.all where info.namespaced {
      let filter = ObjectFilter(resource: info.groupResource, namespace: namespace)
      for object in await store.list(filter).items {
        _ = try? await server.deleteObject(object.key, info: info, options: .background)
      }
    }
  }

  private func deleteCustomObjects(of crd: JSONValue) async throws {
    let name = crd["metadata"]?["name"]?.stringValue ?? ""
    let served = (try? CustomResourceDefinitions.resources(of: crd)) ?? []
    for info in served.prefix(1) {
      for key in await store.keys(of: info.groupResource) {
        _ = try? await store.write(key) { _ in .delete }
      }
    }
    server.registry.register(crdName: name, resources: [])
  }
}

extension DeleteOptions {
  /// Background propagation with no preconditions.
  static var background: DeleteOptions { DeleteOptions() }

  private init() {}
}
