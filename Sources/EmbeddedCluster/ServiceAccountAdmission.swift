import KubeCore

/// The ServiceAccount admission plugin's check on Pod create: the Pod's service account
/// (`default` unless it names one) must exist in its namespace, else 403 Forbidden as
/// kube-apiserver answers it (`error looking up service account NS/NAME: ... not found`).
extension APIServer {
  /// Refuses an admitted Pod whose service account does not exist.
  func requireServiceAccount(of pod: JSONValue, _ scoped: ScopedRequest) async throws {
    guard scoped.info.groupResource == BuiltinResources.pods.groupResource else { return }
    let account = pod["spec"]?["serviceAccountName"]?.stringValue ?? Self.defaultServiceAccount
    let key = ObjectKey(
      resource: BuiltinResources.serviceAccounts.groupResource, namespace: scoped.namespace, name: account)
    guard await store.get(key) == nil else { return }
    let name = pod["metadata"]?["name"]?.stringValue ?? pod["metadata"]?["generateName"]?.stringValue ?? ""
    throw StatusError(
      code: 403, reason: "Forbidden",
      message:
        "pods \"\(name)\" is forbidden: error looking up service account \(scoped.namespace)/\(account): serviceaccount \"\(account)\" not found",
      details: ["name": .string(name), "kind": "pods"])
  }
}
