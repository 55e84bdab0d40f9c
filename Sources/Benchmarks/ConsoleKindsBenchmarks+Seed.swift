import ClusterClient
import Foundation
import KubeCore

extension ConsoleKindsBenchmarks {
  /// Bulk clients creating the Pods, each sending its next request when the last is answered.
  static let seedClients = 8

  /// Creates the namespaces, the Pods (each then marked Running and Ready through the status
  /// subresource, as a kubelet would, so the STATUS and READY cells are a live cluster's) and the
  /// small kinds.
  static func seed(_ client: KubeClient) async throws {
    let names = (0..<namespaces).map { "bench-pods-\($0)" }
    try await ControlPlaneBenchmarks.createNamespaces(client, names)
    progress("creating \(pods) Pods for the console kinds benchmark…")
    let clock = ContinuousClock()
    let started = clock.now
    try await withThrowingTaskGroup(of: Void.self) { group in
      for worker in 0..<seedClients {
        group.addTask {
          for index in stride(from: worker, to: pods, by: seedClients) {
            try await createPod(client, index: index, namespace: names[index % namespaces])
          }
        }
      }
      try await group.waitForAll()
    }
    progress(String(format: "created %d Pods in %.1f s", pods, (clock.now - started).seconds))
    for (plural, count) in smallKinds.sorted(by: { $0.key < $1.key }) {
      for index in 0..<count {
        try await create(client, "/api/v1/namespaces/\(names[0])/\(plural)", smallObject(plural, index))
      }
    }
  }

  /// One Pod, then its status.
  static func createPod(_ client: KubeClient, index: Int, namespace: String) async throws {
    let name = "inference-\(index / 100)-\(String(format: "%05d", index))"
    let pod: JSONValue = [
      "apiVersion": "v1", "kind": "Pod",
      "metadata": [
        "name": .string(name), "namespace": .string(namespace),
        "labels": ["app.kubernetes.io/name": .string("inference-\(index / 100)")],
      ],
      "spec": [
        "nodeName": .string("gpu-node-\(index % nodes)"),
        "containers": [
          [
            "name": "model", "image": "vllm/vllm-openai:v0.6.3",
            "resources": [
              "requests": ["cpu": "4", "memory": "32Gi", "nvidia.com/gpu": "1"], "limits": ["nvidia.com/gpu": "1"],
            ],
          ]
        ],
      ],
    ]
    try await create(client, "/api/v1/namespaces/\(namespace)/pods", pod)
    let started = "2026-01-01T00:00:00Z"
    let status: JSONValue = [
      "status": [
        "phase": "Running", "podIP": .string("10.244.\(index / 250).\(index % 250 + 1)"), "startTime": .string(started),
        "conditions": [["type": "Ready", "status": "True", "lastTransitionTime": .string(started)]],
        "containerStatuses": [
          [
            "name": "model", "ready": true, "started": true, "restartCount": .int(Int64(index % 3)),
            "image": "vllm/vllm-openai:v0.6.3", "imageID": "", "state": ["running": ["startedAt": .string(started)]],
          ]
        ],
      ]
    ]
    let (code, body) = try await client.send(
      .PATCH, "/api/v1/namespaces/\(namespace)/pods/\(name)/status", body: status.serialized(),
      contentType: "application/merge-patch+json")
    guard code == 200 else { throw BenchmarkFailure("pod status \(name): \(String(decoding: body, as: UTF8.self))") }
  }

  static func smallObject(_ plural: String, _ index: Int) -> JSONValue {
    let metadata: JSONValue = ["name": .string("\(plural)-\(index)")]
    switch plural {
    case "configmaps": return ["apiVersion": "v1", "kind": "ConfigMap", "metadata": metadata, "data": ["key": "value"]]
    case "secrets":
      return [
        "apiVersion": "v1", "kind": "Secret", "metadata": metadata, "type": "Opaque", "data": ["key": "dmFsdWU="],
      ]
    default: return ["apiVersion": "v1", "kind": "ServiceAccount", "metadata": metadata]
    }
  }

  static func create(_ client: KubeClient, _ collection: String, _ object: JSONValue) async throws {
    let (status, body) = try await client.send(.POST, collection, body: object.serialized())
    guard status == 201 else { throw BenchmarkFailure("\(collection): \(String(decoding: body, as: UTF8.self))") }
  }
}
