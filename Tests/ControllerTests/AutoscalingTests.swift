import ClusterClient
import ClusterTestSupport
import Foundation
import Hummingbird
import KubeCore
import Testing

@testable import Controller

/// An autoscaled InferenceService against a real Prometheus text endpoint: the test plays the
/// DCGM exporter, the controller scrapes it, and the stable pool grows by the HPA rule.
@Suite(.serialized, .timeLimit(.minutes(10))) struct AutoscalingTests {
  /// What the fake exporter serves; the test changes it.
  actor Exposition {
    var text = ""
    func set(_ text: String) { self.text = text }
  }

  /// Serves `exposition` at `/metrics` on a free loopback port; returns the URL and the server task.
  func exporter(_ exposition: Exposition) async throws -> (String, Task<Void, any Error>) {
    let router = Router()
    router.get("metrics") { _, _ in await exposition.text }
    let (bound, task) = await LoopbackHTTPServer.start(router)
    return ("http://127.0.0.1:\(bound)/metrics", task)
  }

  @Test func gpuUtilisationAboveTargetDoublesThePool() async throws {
    let exposition = Exposition()
    let (url, exporterTask) = try await exporter(exposition)
    defer { exporterTask.cancel() }
    let harness = try await ControllerHarness(load: ServiceLoad(endpoints: [url], period: .milliseconds(300)))
    try await harness.model("llama-v1", version: "1", startupSeconds: 0)
    _ = try await harness.client.create(
      ControllerHarness.inferenceServices,
      [
        "apiVersion": "ai.aiconsole.dev/v1", "kind": "InferenceService",
        "metadata": ["name": "auto", "namespace": "default"],
        "spec": [
          "modelRef": ["name": "llama-v1"], "hardwareProfile": ["gpu": 1],
          "scaling": ["minReplicas": 1, "maxReplicas": 4, "targetGPUUtilization": 50],
        ],
      ])
    try await harness.waitUntilServing("auto", 1)
    let pod = try #require(try await harness.pods(of: "auto").first?[path: ["metadata", "name"]]?.stringValue)
    await exposition.set(
      """
      # TYPE DCGM_FI_DEV_GPU_UTIL gauge
      DCGM_FI_DEV_GPU_UTIL{gpu="0",UUID="GPU-1",modelName="NVIDIA H100",Hostname="sim-gpu-node-1",namespace="default",pod="\(pod)",container="model"} 100

      """)
    try await harness.waitUntilServing("auto", 2)
    try await Task.sleep(for: .seconds(1))
    #expect(
      try await harness.cluster("auto")[path: ["spec", "replicas"]] == 2, "the new idle instance halves the average")
    let events = try await harness.client.list(ControllerHarness.events, namespace: "default").items
    let rescale = events.first { $0["reason"] == "SuccessfulRescale" }
    #expect(
      rescale?["message"]?.stringValue?.hasPrefix("New size: 2; reason: GPU utilisation 100% vs target 50%") == true)
    #expect(rescale?[path: ["involvedObject", "kind"]] == "InferenceService")
    try await harness.stop()
  }

  @Test func serviceLoadReadsTheExporter() async throws {
    let exposition = Exposition()
    let (url, task) = try await exporter(exposition)
    defer { task.cancel() }
    await exposition.set("DCGM_FI_DEV_GPU_UTIL{gpu=\"0\",pod=\"auto-x-1\"} 80\n")
    let load = ServiceLoad(endpoints: [url], period: .milliseconds(100))
    await load.refresh()
    #expect(await load.load(model: "m", podPrefix: "auto-", instances: 1) == .init(gpuUtilization: 80))
  }
}
