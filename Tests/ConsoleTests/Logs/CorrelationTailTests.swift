import ClusterClient
import ClusterTestSupport
import Foundation
import KubeCore
import Testing

@testable import ConsoleApp

@Suite("CorrelationTail against the embedded server", .timeLimit(.minutes(1)))
struct CorrelationTailTests {
  static let pods = APIResource(group: "", version: "v1", name: "pods", kind: "Pod", namespaced: true)
  static let namespaces = APIResource(
    group: "", version: "v1", name: "namespaces", kind: "Namespace", namespaced: false)
  static let instance = ["ai.aiconsole.dev/cluster": "llama"]

  static func line(_ millis: Int, _ id: String, _ msg: String) -> String {
    #"{"ts":"2026-11-30T10:00:00.\#(String(format: "%03d", millis))Z","level":"info","msg":"\#(msg)","correlation_id":"\#(id)"}"#
  }

  static func createPod(_ client: KubeClient, _ namespace: String, _ name: String, labels: [String: String] = [:])
    async throws
  {
    var labelValues = JSONValue.emptyObject
    for (key, value) in labels { labelValues[key] = .string(value) }
    let pod: JSONValue = [
      "apiVersion": "v1", "kind": "Pod",
      "metadata": ["name": .string(name), "namespace": .string(namespace), "labels": labelValues],
      "spec": ["containers": [["name": "app", "image": "app:1"]]],
    ]
    var created = try await client.create(pods, pod)
    // Created Pending, as on a real cluster; a pod with logs is one a kubelet reported Running.
    created["status"] = ["phase": "Running"]
    _ = try await client.update(pods, created, subresource: "status")
  }

  /// Component pods, two instance pods (one elsewhere) and an unrelated pod, each with lines of
  /// two IDs; returns the client once the lines are written.
  static func world(_ server: EmbeddedServer) async throws -> KubeClient {
    let client = try KubeClient(configuration: .load(kubeconfig: server.kubeconfigPath, rateLimit: .unlimited))
    let system = CorrelationTail.componentNamespace
    for pod in ["aiconsole-gateway", "aiconsole-controller"] { try await createPod(client, system, pod) }
    try await createPod(client, "default", "llama-0", labels: instance)
    try await createPod(client, "default", "web")
    try await client.appendPodLog(
      namespace: system, pod: "aiconsole-gateway", lines: [line(100, "req-1", "routed"), line(400, "req-2", "other")])
    try await client.appendPodLog(namespace: system, pod: "aiconsole-controller", lines: [line(200, "req-1", "noted")])
    try await client.appendPodLog(
      namespace: "default", pod: "llama-0",
      lines: [line(50, "req-2", "other"), "not json", line(300, "req-1", "served")])
    try await client.appendPodLog(namespace: "default", pod: "web", lines: [line(150, "req-1", "unrelated pod")])
    return client
  }

  static func described(_ records: [LogRecord]) -> [String] { records.map { "\($0.source.pod) \($0.message ?? "")" } }

  static func waitFor(_ tail: CorrelationTail, count: Int) async throws -> [LogRecord] {
    let deadline = ContinuousClock.now + .seconds(30)
    while ContinuousClock.now < deadline {
      let records = await tail.snapshot()
      if records.count >= count { return records }
      try await Task.sleep(for: .milliseconds(20))
    }
    return await tail.snapshot()
  }

  @Test("follows components and instances, new pods included, keeping only the ID's lines in time order")
  func follows() async throws {
    let server = try await EmbeddedServer.start()
    let client = try await Self.world(server)
    let tail = CorrelationTail(
      client: client, correlationID: "req-1",
      options: PodLogOptions(backoff: ReconnectBackoff(initial: .milliseconds(50), maximum: .milliseconds(200))))
    try await withThrowingDiscardingTaskGroup { group in
      group.addTask { await tail.run() }
      let first = try await Self.waitFor(tail, count: 3)
      #expect(Self.described(first) == ["aiconsole-gateway routed", "aiconsole-controller noted", "llama-0 served"])
      _ = try await client.create(
        Self.namespaces, ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "serving"]])
      try await Self.createPod(client, "serving", "llama-1", labels: Self.instance)
      try await client.appendPodLog(
        namespace: "serving", pod: "llama-1",
        lines: [Self.line(250, "req-2", "other"), Self.line(250, "req-1", "late")])
      let second = try await Self.waitFor(tail, count: 4)
      #expect(
        Self.described(second) == [
          "aiconsole-gateway routed", "aiconsole-controller noted", "llama-1 late", "llama-0 served",
        ])
      #expect(second[2].source == LogSource(namespace: "serving", pod: "llama-1"))
      #expect(await !tail.sources().contains(LogSource(namespace: "default", pod: "web")))
      #expect(Self.described(await tail.drain()).count == 4)
      group.cancelAll()
    }
    try await client.shutdown()
    await server.stop()
  }

  @Test("reads what the pods hold now, merged in time order, and ends")
  func reads() async throws {
    let server = try await EmbeddedServer.start()
    let client = try await Self.world(server)
    let records = try await CorrelationTail.read(client: client, filter: LogFilter(correlationID: "req-2"))
    #expect(Self.described(records) == ["llama-0 other", "aiconsole-gateway other"])
    let components = try await CorrelationTail.read(
      client: client, filter: .all, scope: CorrelationTail.Scope(instances: false))
    #expect(Set(components.map(\.source.pod)) == ["aiconsole-gateway", "aiconsole-controller"])
    try await client.shutdown()
    await server.stop()
  }
}
