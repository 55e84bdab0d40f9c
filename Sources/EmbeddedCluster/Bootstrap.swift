import AIResources
import Foundation
import KubeCore

/// What every embedded cluster has from its first start: the `default` and `aiconsole-system`
/// namespaces, a `default` ServiceAccount in every namespace, the `kubernetes` Service, the AI
/// CRDs, and the API server's own pod whose log is the server's log.
struct Bootstrap {
  let server: APIServer

  static let systemNamespace = "aiconsole-system"
  static let apiServerPod = "aiconsole-apiserver"

  func run() async throws {
    for crd in try await server.store.keys(of: BuiltinResources.customResourceDefinitions.groupResource).asyncMap({
      await server.store.get($0)
    }) {
      if let crd {
        try? server.registry.register(
          crdName: crd.key.name, resources: CustomResourceDefinitions.resources(of: crd.value))
      }
    }
    for namespace in ["default", Self.systemNamespace] {
      try await ensure(
        "/api/v1/namespaces", ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(namespace)]])
    }
    for key in await server.store.keys(of: BuiltinResources.namespaces.groupResource) {
      try await server.ensureDefaultServiceAccount(in: key.name)
    }
    let services = await server.store.list(ObjectFilter(resource: BuiltinResources.services.groupResource)).items
    server.serviceIPs.load(services.map(\.value))
    try await ensure("/api/v1/namespaces/default/services", Self.kubernetesService)
    for crd in AICustomResourceDefinitions.objects {
      try await ensure("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", crd)
    }
    try await ensureAPIServerPod()
  }

  /// Creates an object unless it exists, through the same admission as any client's create.
  private func ensure(_ collection: String, _ object: JSONValue) async throws {
    let request = APIRequest(
      method: "POST", path: collection, bearerToken: server.tokens.admin, body: object.serialized())
    let response = await server.handle(request)
    guard response.status == 201 || response.status == 409 else {
      throw StatusError(status: (try? JSONParser.parse(response.bodyBytes)) ?? .null)
        ?? StatusError.internalError("bootstrap of \(collection) answered \(response.status)")
    }
  }

  /// The `kubernetes` Service in `default` that every cluster has, on the range's first address.
  static let kubernetesService: JSONValue = [
    "apiVersion": "v1", "kind": "Service",
    "metadata": ["name": "kubernetes", "labels": ["component": "apiserver", "provider": "kubernetes"]],
    "spec": [
      "clusterIP": .string(ServiceIPAllocator.apiServerIP),
      "ports": [["name": "https", "port": 443, "protocol": "TCP"]],
    ],
  ]

  private func ensureAPIServerPod() async throws {
    let pod: JSONValue = [
      "apiVersion": "v1", "kind": "Pod",
      "metadata": [
        "name": .string(Self.apiServerPod),
        "labels": ["app.kubernetes.io/name": "aiconsole", "app.kubernetes.io/component": "apiserver"],
      ],
      "spec": ["containers": [["name": "apiserver", "image": "aiconsole"]], "nodeName": "embedded"],
    ]
    let pods = "/api/v1/namespaces/\(Self.systemNamespace)/pods"
    try await ensure(pods, pod)
    // A Pod is created Pending; its status is written as a kubelet writes it, through pods/status.
    let status: JSONValue = [
      "status": [
        "phase": "Running", "podIP": "127.0.0.1",
        "containerStatuses": [
          ["name": "apiserver", "ready": true, "restartCount": 0, "state": ["running": .emptyObject]]
        ],
      ]
    ]
    let request = APIRequest(
      method: "PATCH", path: "\(pods)/\(Self.apiServerPod)/status", contentType: "application/merge-patch+json",
      bearerToken: server.tokens.admin, body: status.serialized())
    let response = await server.handle(request)
    guard response.status == 200 else {
      throw StatusError(status: (try? JSONParser.parse(response.bodyBytes)) ?? .null)
        ?? StatusError.internalError("bootstrap of the API server pod's status answered \(response.status)")
    }
  }

  /// Appends one JSON log line to the API server pod's log.
  func log(_ message: String, level: String = "info") async {
    let line: JSONValue = [
      "ts": .string(Date().formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))),
      "level": .string(level),
      "logger": "apiserver", "msg": .string(message), "correlation_id": "",
    ]
    await server.appendLog([line.jsonString], namespace: Self.systemNamespace, pod: Self.apiServerPod)
  }
}

extension Sequence {
  fileprivate func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
    var result: [T] = []
    for element in self { result.append(try await transform(element)) }
    return result
  }
}
