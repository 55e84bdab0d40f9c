import KubeCore

/// The ServiceAccount controller's one duty the embedded cluster keeps: every namespace has a
/// ServiceAccount `default`, made when the namespace is created (and, at start, for namespaces
/// stored before), so Pods defaulted to `serviceAccountName: default` name one that exists.
extension APIServer {
  static let defaultServiceAccount = "default"

  /// Creates `default` in `namespace` unless it exists or the namespace is terminating.
  func ensureDefaultServiceAccount(in namespace: String) async throws {
    let info = BuiltinResources.serviceAccounts
    let namespaceKey = ObjectKey(resource: BuiltinResources.namespaces.groupResource, namespace: "", name: namespace)
    guard let owner = await store.get(namespaceKey), !NamespaceLifecycle.isTerminating(owner.value) else { return }
    let account: JSONValue = [
      "apiVersion": "v1", "kind": "ServiceAccount", "metadata": ["name": .string(Self.defaultServiceAccount)],
    ]
    let object = try ObjectLifecycle(info: info, now: now()).prepareForCreate(account, namespace: namespace)
    let key = ObjectKey(resource: info.groupResource, namespace: namespace, name: Self.defaultServiceAccount)
    _ = try await store.write(key) { current in current == nil ? .put(object) : .unchanged }
  }
}
