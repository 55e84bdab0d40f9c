import ClusterClient
import Foundation
import KubeCore

/// An embedded component (the controller, later the gateway) as a Pod in `aiconsole-system` whose
/// log is the component's JSON log: in the embedded world there is no kubelet to capture a
/// process's output, so the component writes its lines into its Pod's log itself, and every
/// client reads them through the pod log API exactly as it would on a real cluster.
public actor ComponentPod {
  public static let namespace = "aiconsole-system"
  static let pods = APIResource(group: "", version: "v1", name: "pods", kind: "Pod", namespaced: true)

  let client: KubeClient
  public nonisolated let name: String
  let component: String
  private nonisolated let lines: AsyncStream<String>
  private nonisolated let input: AsyncStream<String>.Continuation
  /// At most this many lines wait for the API; beyond it the oldest are dropped, so that a
  /// stalled server costs memory only up to here.
  static let backlog = 10_000

  public init(client: KubeClient, name: String, component: String) {
    self.client = client
    self.name = name
    self.component = component
    (lines, input) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(Self.backlog))
  }

  /// Queues one line for the Pod's log; callable from any thread (a log handler's sink).
  public nonisolated func write(_ line: String) { input.yield(line) }

  /// Creates the Pod if needed, then carries queued lines to its log in batches until cancelled.
  public func run() async {
    do {
      try await ensurePod()
    } catch {
      FileHandle.standardError.write(Data("cannot create pod \(Self.namespace)/\(name): \(error)\n".utf8))
    }
    await withTaskGroup(of: Void.self) { group in
      group.addTask {
        for await line in self.lines { await self.append(line) }
      }
      group.addTask {
        while !Task.isCancelled {
          try? await Task.sleep(for: .milliseconds(200))
          await self.flush()
        }
      }
      await group.next()  // the input ended
      group.cancelAll()
    }
    await flush()
  }

  private var pending: [String] = []

  private func append(_ line: String) async {
    pending.append(line)
    if pending.count >= 500 { await flush() }
  }

  /// Stops taking lines; `run` writes what it has and returns.
  public nonisolated func finish() { input.finish() }

  /// One request for every line queued since the last: a log line never waits more than 200 ms.
  private func flush() async {
    guard !pending.isEmpty else { return }
    let batch = pending
    pending.removeAll(keepingCapacity: true)
    try? await client.appendPodLog(namespace: Self.namespace, pod: name, lines: batch)
  }

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
