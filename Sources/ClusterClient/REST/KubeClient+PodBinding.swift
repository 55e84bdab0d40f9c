import KubeCore

extension KubeClient {
  /// Assigns a pod to a node as a scheduler does: `POST pods/{name}/binding` with a v1 `Binding`
  /// whose target is the Node. kube-apiserver answers 201 with a success `Status`; a pod already
  /// on a node is `KubeError.conflict`. A pod's `spec.nodeName` can be set no other way once the
  /// pod exists (an update that changes it is refused as Invalid).
  public func bind(pod: String, namespace: String, node: String) async throws {
    let binding: JSONValue = [
      "apiVersion": "v1", "kind": "Binding",
      "metadata": ["name": .string(pod), "namespace": .string(namespace)],
      "target": ["apiVersion": "v1", "kind": "Node", "name": .string(node)],
    ]
    let path = "/api/v1/namespaces/\(PathEscaping.segment(namespace))/pods/\(PathEscaping.segment(pod))/binding"
    _ = try await json(.POST, path, body: binding)
  }
}
