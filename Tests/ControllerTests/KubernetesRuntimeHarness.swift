import AIResources
import ClusterClient
import ClusterTestSupport
import Controller
import Foundation
import KubeCore
import Logging
import Testing

/// The AICluster reconciler with the kubernetes runtime, running against a fresh embedded server.
/// The embedded server stores Deployments but runs no deployment controller, so the harness also
/// plays that part on request, writing Deployment status as a cluster whose instances start at
/// once would.
struct KubernetesRuntimeHarness {
  static let deployments = APIResource(
    group: "apps", version: "v1", name: "deployments", kind: "Deployment", namespaced: true,
    subresources: ["status", "scale"])
  let server: EmbeddedServer
  let client: KubeClient
  let running: Task<Void, Never>

  init() async throws {
    server = try await EmbeddedServer.start()
    client = try KubeClient(configuration: .load(kubeconfig: server.kubeconfigPath, rateLimit: .unlimited))
    var logger = Logger(label: "kubernetes-runtime-test")
    logger.logLevel = .warning
    let reconciler = AIClusterReconciler(
      client: client, runtime: KubernetesRuntime(client: client), events: EventRecorder(client: client))
    let controller = KindController(client: client, reconciler: reconciler, workers: 2, logger: logger)
    running = Task { await controller.run() }
  }

  func stop() async throws {
    running.cancel()
    await running.value
    try await client.shutdown()
    await server.stop()
  }

  /// Creates AICluster `chat` with `replicas` instances of model version 1, one GPU each; answers
  /// the Deployment name its template gets.
  func createCluster(replicas: Int) async throws -> String {
    let created = try await client.create(
      ControllerHarness.aiclusters,
      [
        "apiVersion": "ai.aiconsole.dev/v1", "kind": "AICluster",
        "metadata": ["name": "chat", "namespace": "default"],
        "spec": [
          "modelName": "llama-3-8b", "modelVersion": "1", "replicas": .int(Int64(replicas)),
          "resourceRequests": ["cpu": "4", "memory": "32Gi", "gpu": 1],
        ],
      ])
    return try Self.deploymentName(created)
  }

  /// The Deployment name of the template `cluster` asks for: `chat-<template hash>`.
  static func deploymentName(_ cluster: JSONValue) throws -> String {
    "chat-" + InstanceTemplate(try cluster.decode(as: AICluster.self).spec).hash
  }

  func cluster() async throws -> JSONValue {
    try await client.get(ControllerHarness.aiclusters, name: "chat", namespace: "default")
  }

  /// `chat`'s Deployments by name.
  func deployments() async throws -> [String: JSONValue] {
    let items = try await client.list(
      Self.deployments, namespace: "default", options: ListOptions(labelSelector: "ai.aiconsole.dev/cluster=chat")
    ).items
    return Dictionary(uniqueKeysWithValues: items.map { ($0[path: ["metadata", "name"]]?.stringValue ?? "", $0) })
  }

  /// The deployment controller's part for one Deployment: every Pod it asks for exists and is
  /// ready, written through the status subresource.
  func startInstances(_ deployment: JSONValue) async throws {
    let replicas = deployment[path: ["spec", "replicas"]] ?? 0
    let status: JSONValue = [
      "observedGeneration": deployment[path: ["metadata", "generation"]] ?? 1, "replicas": replicas,
      "readyReplicas": replicas, "updatedReplicas": replicas, "availableReplicas": replicas,
    ]
    _ = try await client.patch(
      Self.deployments, name: deployment[path: ["metadata", "name"]]?.stringValue ?? "", namespace: "default",
      .merge(["status": status]), subresource: "status")
  }

  /// Whether the Deployment's status already says what `startInstances` would write.
  static func started(_ deployment: JSONValue) -> Bool {
    let replicas = deployment[path: ["spec", "replicas"]] ?? 0
    return deployment[path: ["status", "replicas"]] ?? 0 == replicas
      && deployment[path: ["status", "readyReplicas"]] ?? 0 == replicas
  }

  static func condition(_ type: String, of cluster: JSONValue) -> JSONValue? {
    cluster[path: ["status", "conditions"]]?.arrayValue?.first { $0["type"]?.stringValue == type }
  }

  /// Whether `cluster` reports `count` instances serving and nothing left to do.
  static func serving(_ cluster: JSONValue, _ count: Int64) -> Bool {
    cluster[path: ["status", "activeInstances"]]?.intValue == count
      && condition("Ready", of: cluster)?["status"] == "True"
      && condition("Progressing", of: cluster)?["status"] == "False"
  }

  /// Polls until `condition` holds; CI runs every suite at once on two cores, hence the wide window.
  func eventually(_ what: String, _ condition: () async throws -> Bool) async throws {
    let deadline = ContinuousClock.now + .seconds(120)
    while ContinuousClock.now < deadline {
      if (try? await condition()) == true { return }
      try await Task.sleep(for: .milliseconds(100))
    }
    Issue.record("timed out waiting until \(what)")
    throw ControllerHarness.HarnessError.timedOut(what)
  }
}
