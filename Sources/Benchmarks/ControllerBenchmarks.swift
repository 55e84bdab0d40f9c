import AIResources
import ClusterClient
import Controller
import EmbeddedCluster
import Foundation
import KubeCore
import Logging
import ServiceLifecycle

/// The AI controller's figures: how long 1,000 AIClusters created at once take to all be Ready
/// (every instance Pod placed on a simulated GPU node and ready), and the reconciles per second
/// that took, with the controller, the fleet and the API server in one process as `serve` runs them.
enum ControllerBenchmarks {
  static let area = "AI controller (serve's in-process controller and simulated fleet)"
  static let aiclusters = AICluster.resource

  static func run(into report: inout BenchmarkReport, clusters: Int = 1000, runs: Int = 3) async throws {
    var seconds: [Double] = []
    var rates: [Double] = []
    for run in 0..<runs {
      let (elapsed, reconciles) = try await converge(clusters: clusters, run: run)
      progress(
        String(format: "run %d: %d AIClusters Ready in %.1f s, %.0f reconciles/s", run, clusters, elapsed, reconciles))
      seconds.append(elapsed)
      rates.append(reconciles)
    }
    let time = Sample(values: seconds)
    report.add(
      .init(
        area: area, name: "\(clusters.formatted()) AIClusters created at once (startupSeconds 0) until all Ready",
        median: String(format: "%.1f s", time.median), p99: String(format: "%.1f s (max)", seconds.max() ?? 0),
        target: "< 30 s", met: time.median < 30))
    report.add(
      .init(
        area: area, name: "reconciles/s while converging (all kinds, 4 workers each)",
        median: String(format: "%.0f/s", Sample(values: rates).median), p99: "—", target: "—"))
  }

  /// One run on a fresh control plane: the seconds until every AICluster is Ready, and the
  /// reconciles per second meanwhile.
  static func converge(clusters: Int, run: Int) async throws -> (Double, Double) {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "aiconsole-bench-controller-\(UUID().uuidString.prefix(6))")
    defer { try? FileManager.default.removeItem(at: directory) }
    let ready = AsyncStream<ControlPlaneEndpoints>.makeStream()
    let logger = Logger(label: "bench")
    let controlPlane = try await ControlPlane(options: .init(stateDirectory: directory), logger: logger) {
      ready.continuation.yield($0)
    }
    let group = ServiceGroup(configuration: .init(services: [controlPlane], logger: logger))
    return try await withThrowingTaskGroup(of: (Double, Double)?.self) { tasks in
      tasks.addTask {
        try await group.run()
        return nil
      }
      var iterator = ready.stream.makeAsyncIterator()
      guard let endpoints = await iterator.next() else { throw BenchmarkFailure("the control plane did not start") }
      let client = try KubeClient(configuration: try .load(kubeconfig: endpoints.kubeconfigPath, rateLimit: .unlimited))
      let metrics = ControllerMetrics()
      var quiet = Logger(label: "bench-controller")
      quiet.logLevel = .error
      let manager = ControllerManager.aiController(
        client: client, runtime: .simulated,
        fleet: .init(nodes: (clusters + 7) / 8 + 4, gpusPerNode: 8), workers: 4, metrics: metrics, election: nil,
        logger: quiet)
      let controller = Task { await manager.run() }
      try await createModel(client)
      progress("run \(run): creating \(clusters) AIClusters at once…")
      let start = ContinuousClock.now
      try await create(clusters, client)
      try await waitUntilReady(clusters, client)
      let elapsed = (ContinuousClock.now - start).seconds
      let reconciles = totalReconciles(metrics)
      controller.cancel()
      await controller.value
      try await client.shutdown()
      await group.triggerGracefulShutdown()
      try await tasks.waitForAll()
      return (elapsed, Double(reconciles) / elapsed)
    }
  }

  static func createModel(_ client: KubeClient) async throws {
    let model: JSONValue = [
      "apiVersion": "ai.aiconsole.dev/v1", "kind": "ModelDeployment",
      "metadata": ["name": "llama-v1", "namespace": "default"],
      "spec": [
        "modelName": "llama-3-8b", "modelVersion": "v1", "artifactURI": "hf://meta-llama/llama-3-8b",
        "simulation": ["startupSeconds": 0],
      ],
    ]
    _ = try await client.create(
      ModelDeployment.resource,
      model)
  }

  /// Creates `count` AIClusters from 8 concurrent clients' worth of requests, as a burst of applies would.
  static func create(_ count: Int, _ client: KubeClient) async throws {
    try await withThrowingTaskGroup(of: Void.self) { group in
      for worker in 0..<8 {
        group.addTask {
          for index in stride(from: worker, to: count, by: 8) {
            let object: JSONValue = [
              "apiVersion": "ai.aiconsole.dev/v1", "kind": "AICluster",
              "metadata": ["name": .string("pool-\(index)"), "namespace": "default"],
              "spec": [
                "replicas": 1, "modelName": "llama-3-8b", "modelVersion": "v1", "resourceRequests": ["gpu": 1],
              ],
            ]
            _ = try await client.create(aiclusters, object)
          }
        }
      }
      try await group.waitForAll()
    }
  }

  static func waitUntilReady(_ count: Int, _ client: KubeClient) async throws {
    let deadline = ContinuousClock.now + .seconds(300)
    var last = -1
    while ContinuousClock.now < deadline {
      let items = try await client.listAll(aiclusters, namespace: "default").items
      let ready = items.filter { item in
        item[path: ["status", "activeInstances"]] == 1
          && item[path: ["status", "conditions"]]?.arrayValue?.contains {
            $0["type"] == "Ready" && $0["status"] == "True"
          } == true
      }.count
      if ready == count { return }
      if ready / 100 != last / 100 { progress("  \(ready)/\(count) Ready") }
      last = ready
      try await Task.sleep(for: .milliseconds(250))
    }
    throw BenchmarkFailure("\(count) AIClusters were not all Ready within 300 s (\(last) were)")
  }

  static func totalReconciles(_ metrics: ControllerMetrics) -> Int {
    let text = String(decoding: metrics.exposition(), as: UTF8.self)
    return text.split(separator: "\n").filter { $0.hasPrefix("controller_runtime_reconcile_total{") }
      .compactMap { $0.split(separator: " ").last.flatMap { Double($0) } }.reduce(0) { $0 + Int($1) }
  }
}
