import ClusterClient
import ClusterTestSupport
import Controller
import Foundation
import KubeCore
import Logging
import Testing

/// The whole AI controller (all six reconcilers, the simulated runtime and GPU fleet) running
/// in-process against a real embedded server over loopback HTTPS, as `aiconsole serve` runs it.
final class ControllerHarness: Sendable {
  let server: EmbeddedServer
  let client: KubeClient
  let running: Task<Void, Never>

  static let aiclusters = APIResource(
    group: "ai.aiconsole.dev", version: "v1", name: "aiclusters", kind: "AICluster", namespaced: true,
    subresources: ["status", "scale"])
  static let modelDeployments = APIResource(
    group: "ai.aiconsole.dev", version: "v1", name: "modeldeployments", kind: "ModelDeployment", namespaced: true)
  static let inferenceServices = APIResource(
    group: "ai.aiconsole.dev", version: "v1", name: "inferenceservices", kind: "InferenceService", namespaced: true)
  static let pods = APIResource(group: "", version: "v1", name: "pods", kind: "Pod", namespaced: true)
  static let services = APIResource(group: "", version: "v1", name: "services", kind: "Service", namespaced: true)
  static let events = APIResource(group: "", version: "v1", name: "events", kind: "Event", namespaced: true)
  static let revisions = APIResource(
    group: "apps", version: "v1", name: "controllerrevisions", kind: "ControllerRevision", namespaced: true)

  init(nodes: Int = 3, gpusPerNode: Int = 8, load: ServiceLoad = ServiceLoad(endpoints: [])) async throws {
    server = try await EmbeddedServer.start()
    client = try KubeClient(configuration: .load(kubeconfig: server.kubeconfigPath, rateLimit: .unlimited))
    var logger = Logger(label: "controller-test")
    logger.logLevel = .warning
    let manager = ControllerManager.aiController(
      client: client, runtime: .simulated,
      fleet: .init(nodes: nodes, gpusPerNode: gpusPerNode, tick: .milliseconds(100)), workers: 4, load: load,
      election: nil,
      logger: logger)
    running = Task { await manager.run() }
  }

  func stop() async throws {
    running.cancel()
    await running.value
    try await client.shutdown()
    await server.stop()
  }

  /// Polls until `condition` holds; CI runs every suite at once on two cores, hence the wide window.
  func eventually(
    _ what: String, timeout: Duration = .seconds(120), _ condition: () async throws -> Bool
  ) async throws {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
      if (try? await condition()) == true { return }
      try await Task.sleep(for: .milliseconds(100))
    }
    Issue.record("timed out waiting until \(what)")
    throw HarnessError.timedOut(what)
  }

  enum HarnessError: Error { case timedOut(String) }

  func cluster(_ name: String) async throws -> JSONValue {
    try await client.get(Self.aiclusters, name: name, namespace: "default")
  }

  func condition(_ type: String, of object: JSONValue) -> JSONValue? {
    object[path: ["status", "conditions"]]?.arrayValue?.first { $0["type"]?.stringValue == type }
  }

  func pods(of cluster: String) async throws -> [JSONValue] {
    try await client.list(
      Self.pods, namespace: "default", options: ListOptions(labelSelector: "ai.aiconsole.dev/cluster=\(cluster)")
    ).items
  }

  static func ready(_ pod: JSONValue) -> Bool {
    pod[path: ["status", "conditions"]]?.arrayValue?.contains { $0["type"] == "Ready" && $0["status"] == "True" }
      == true
  }

  func model(_ name: String, version: String, startupSeconds: Int = 1, failureMode: String = "none") async throws {
    _ = try await client.create(
      Self.modelDeployments,
      [
        "apiVersion": "ai.aiconsole.dev/v1", "kind": "ModelDeployment",
        "metadata": ["name": .string(name), "namespace": "default"],
        "spec": [
          "modelName": "llama-3-8b", "modelVersion": .string(version), "artifactURI": "hf://meta-llama/llama-3-8b",
          "simulation": ["startupSeconds": .int(Int64(startupSeconds)), "failureMode": .string(failureMode)],
        ],
      ])
  }

  func createCluster(_ name: String, version: String, replicas: Int, gpus: Int = 1) async throws {
    _ = try await client.create(
      Self.aiclusters,
      [
        "apiVersion": "ai.aiconsole.dev/v1", "kind": "AICluster",
        "metadata": ["name": .string(name), "namespace": "default"],
        "spec": [
          "modelName": "llama-3-8b", "modelVersion": .string(version), "replicas": .int(Int64(replicas)),
          "resourceRequests": ["gpu": .int(Int64(gpus))],
        ],
      ])
  }

  /// Waits until `name` has exactly `count` ready instances, all of the current template, and says so.
  func waitUntilServing(_ name: String, _ count: Int) async throws {
    try await eventually("\(name) serves with \(count) ready instances") {
      let cluster = try await cluster(name)
      let pods = try await pods(of: name)
      return cluster[path: ["status", "activeInstances"]]?.intValue == Int64(count)
        && condition("Ready", of: cluster)?["status"] == "True"
        && condition("Progressing", of: cluster)?["status"] == "False"
        && pods.count == count && pods.allSatisfy(Self.ready)
    }
  }
}
