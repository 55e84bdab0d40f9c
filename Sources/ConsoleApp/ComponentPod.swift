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
    current["status"] = Self.status(component: component, previous: current["status"], now: Date())
    _ = try await client.update(Self.pods, current, subresource: "status")
  }

  /// The Pod's status as the process starts. A Pod left by an earlier process on the same state
  /// directory is that component's container restarted, as a kubelet counts it: `restartCount`
  /// goes up by one and the Pod keeps its `startTime`, while the container's `startedAt` is now.
  static func status(component: String, previous: JSONValue?, now: Date) -> JSONValue {
    let time = JSONValue.string(LogTimestamp(now).rfc3339Seconds)
    let container = previous?["containerStatuses"]?.arrayValue?.first { $0["name"]?.stringValue == component }
    let restarts = container.map { ($0["restartCount"]?.intValue ?? 0) + 1 } ?? 0
    return [
      "phase": "Running", "podIP": "127.0.0.1", "startTime": previous?["startTime"] ?? time,
      "conditions": [["type": "Ready", "status": "True", "lastTransitionTime": time]],
      "containerStatuses": [
        [
          "name": .string(component), "ready": true, "restartCount": .int(Int64(restarts)), "started": true,
          "state": ["running": ["startedAt": time]],
        ]
      ],
    ]
  }
}
