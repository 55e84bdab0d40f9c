import ClusterClient
import Foundation
import KubeCore

/// An embedded component (the controller, the gateway) as a Pod in `aiconsole-system` whose log
/// is the component's JSON log: in the embedded world there is no kubelet to capture a process's
/// output, so the component writes its lines into its Pod's log itself, and every client reads
/// them through the pod log API exactly as it would on a real cluster. An idea of the embedded
/// world, which `aiconsole serve` and the console's embedded mode assemble, so it lives here
/// rather than in the client.
actor ComponentPod {
  static let namespace = "aiconsole-system"
  static let pods = CoreResources.pods

  let client: KubeClient
  nonisolated let name: String
  let component: String
  private nonisolated let writer: PodLogWriter

  init(client: KubeClient, name: String, component: String) {
    self.client = client
    self.name = name
    self.component = component
    writer = PodLogWriter(client: client)
  }

  /// Queues one line for the Pod's log; callable from any thread (a log handler's sink).
  nonisolated func write(_ line: String) {
    writer.write(line, to: .init(namespace: Self.namespace, pod: name))
  }

  /// Creates the Pod if needed, then carries queued lines to its log in batches until cancelled.
  func run() async {
    do {
      try await ensurePod()
    } catch {
      JSONLineLogHandler.writeToStandardError(Array("cannot create pod \(Self.namespace)/\(name): \(error)\n".utf8))
    }
    await writer.run()
  }

  /// Stops taking lines; `run` writes what it has and returns.
  nonisolated func finish() { writer.finish() }

  private func ensurePod() async throws {
    let pod: JSONValue = [
      "apiVersion": "v1", "kind": "Pod",
      "metadata": [
        "name": .string(name), "namespace": .string(Self.namespace),
        "labels": ["app.kubernetes.io/name": "aiconsole", "app.kubernetes.io/component": .string(component)],
      ],
      "spec": ["nodeName": "embedded", "containers": [["name": .string(component), "image": "aiconsole"]]],
    ]
    var current: JSONValue
    do {
      current = try await client.create(Self.pods, pod)
    } catch KubeError.alreadyExists {
      current = try await client.get(Self.pods, name: name, namespace: Self.namespace)
    }
    let now = LogTimestamp(Date()).rfc3339Seconds
    current["status"] = [
      "phase": "Running", "podIP": "127.0.0.1", "startTime": .string(now),
      "conditions": [["type": "Ready", "status": "True", "lastTransitionTime": .string(now)]],
      "containerStatuses": [
        [
          "name": .string(component), "ready": true, "restartCount": 0, "started": true,
          "state": ["running": ["startedAt": .string(now)]],
        ]
      ],
    ]
    _ = try await client.update(Self.pods, current, subresource: "status")
  }
}
