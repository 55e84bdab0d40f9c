import ClusterClient
import Foundation
import KubeCore
import Testing

/// The simulated fleet against an embedded server that refuses Pod updates as kube-apiserver
/// does: it binds through `pods/binding` and writes only `pods/status`, so its Pods still run.
@Suite(.serialized, .timeLimit(.minutes(5))) struct FleetBindingTests {
  @Test func fleetPodsAreBoundThroughBindingAndRunWithTheirSpecUntouched() async throws {
    let harness = try await ControllerHarness(nodes: 2, gpusPerNode: 8)
    try await harness.model("llama-v1", version: "1", startupSeconds: 0)
    try await harness.createCluster("bound", version: "1", replicas: 2)
    try await harness.waitUntilServing("bound", 2)
    for pod in try await harness.pods(of: "bound") {
      let node = pod[path: ["spec", "nodeName"]]?.stringValue ?? ""
      #expect(node.hasPrefix("sim-gpu-node-"))
      #expect(pod[path: ["status", "phase"]] == "Running")
      let scheduled = pod[path: ["status", "conditions"]]?.arrayValue?.first { $0["type"] == "PodScheduled" }
      #expect(scheduled?["status"] == "True")
      // Generation 1: nothing ever changed the spec after create (the binding is not a spec update).
      #expect(pod[path: ["metadata", "generation"]] == 1)
      // Only cpu and memory count for QoS: GPUs alone leave an instance BestEffort.
      #expect(pod[path: ["status", "qosClass"]] == "BestEffort")
    }
    try await harness.stop()
  }
}
