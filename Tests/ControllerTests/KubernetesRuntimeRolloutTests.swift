import ClusterClient
import Foundation
import KubeCore
import Testing

/// The AICluster reconciler with the kubernetes runtime against the embedded server: one
/// Deployment per revision, readiness taken from Deployment status, a surge-one rollout across
/// revisions, and Deployments edited by hand put back.
@Suite(.serialized, .timeLimit(.minutes(5))) struct KubernetesRuntimeRolloutTests {
  typealias Harness = KubernetesRuntimeHarness

  @Test("runs an AICluster as one Deployment and serves once the Deployment's Pods are ready")
  func createAndServe() async throws {
    let harness = try await Harness()
    let name = try await harness.createCluster(replicas: 3)
    try await harness.eventually("\(name) asks for 3 replicas") {
      try await harness.deployments().mapValues { $0[path: ["spec", "replicas"]] } == [name: 3]
    }
    let deployment = try #require(try await harness.deployments()[name])
    let cluster = try await harness.cluster()
    #expect(
      deployment[path: ["metadata", "ownerReferences"]]?.arrayValue?.first?["uid"]
        == cluster[path: ["metadata", "uid"]])
    #expect(
      deployment[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first?[path: ["resources", "limits"]]
        == ["nvidia.com/gpu": "1"])
    // A Deployment that exists is not yet serving: readiness comes from its status.
    try await harness.eventually("chat counts 3 instances, none ready") {
      let cluster = try await harness.cluster()
      return cluster[path: ["status", "replicas"]] == 3 && cluster[path: ["status", "activeInstances"]] == 0
        && Harness.condition("Ready", of: cluster)?["status"] == "False"
    }
    try await harness.startInstances(deployment)
    try await harness.eventually("chat serves with 3 instances") { Harness.serving(try await harness.cluster(), 3) }
    try await harness.stop()
  }

  @Test("puts back a Deployment scaled or deleted by hand")
  func handEdits() async throws {
    let harness = try await Harness()
    let name = try await harness.createCluster(replicas: 2)
    try await harness.eventually("\(name) exists") { try await harness.deployments()[name] != nil }
    try await harness.startInstances(try #require(try await harness.deployments()[name]))
    try await harness.eventually("chat serves with 2 instances") { Harness.serving(try await harness.cluster(), 2) }
    _ = try await harness.client.patch(
      Harness.deployments, name: name, namespace: "default", .merge(["spec": ["replicas": 5]]))
    try await harness.eventually("\(name) is scaled back to 2") {
      try await harness.deployments()[name]?[path: ["spec", "replicas"]] == 2
    }
    try await harness.client.delete(Harness.deployments, name: name, namespace: "default")
    try await harness.eventually("\(name) is made again") {
      let deployment = try await harness.deployments()[name]
      return deployment?[path: ["spec", "replicas"]] == 2 && deployment?["status"]?["readyReplicas"] == nil
    }
    try await harness.stop()
  }

  @Test("rolls a new model version over one instance at a time, never below 3 ready")
  func rollingUpdate() async throws {
    let harness = try await Harness()
    let old = try await harness.createCluster(replicas: 3)
    try await harness.eventually("\(old) exists") { try await harness.deployments()[old] != nil }
    try await harness.startInstances(try #require(try await harness.deployments()[old]))
    try await harness.eventually("chat serves with 3 instances") { Harness.serving(try await harness.cluster(), 3) }

    let patched = try await harness.client.patch(
      ControllerHarness.aiclusters, name: "chat", namespace: "default", .merge(["spec": ["modelVersion": "2"]]))
    let new = try Harness.deploymentName(patched)
    #expect(new != old)
    // The surge instance comes first, and nothing else happens until it is ready.
    try await harness.eventually("chat counts a surge of one") {
      try await harness.cluster()[path: ["status", "replicas"]] == 4
    }
    let surged = try await harness.deployments().mapValues { $0[path: ["spec", "replicas"]] }
    #expect(surged == [old: 3, new: 1])
    #expect(Harness.condition("Progressing", of: try await harness.cluster())?["reason"] == "RollingUpdate")

    let seen = try await playDeploymentController(harness, until: new)
    #expect(seen.contains([old: 2, new: 2]))
    #expect(seen.contains([old: 1, new: 3]))
    let cluster = try await harness.cluster()
    #expect(cluster[path: ["status", "currentRevision"]] == .string(new))
    #expect(cluster[path: ["status", "activeInstances"]] == 3)
    try await harness.stop()
  }

  /// Starts whatever instances the reconciler asks for until only `current` is left serving 3,
  /// checking at every step that the rollout keeps 3 ready and at most 4 in all. Answers every
  /// distinct set of desired replicas seen.
  private func playDeploymentController(_ harness: Harness, until current: String) async throws -> [[String: Int64]] {
    var seen: [[String: Int64]] = []
    try await harness.eventually("only \(current) is left, serving 3") {
      let deployments = try await harness.deployments()
      let desired = deployments.mapValues { $0[path: ["spec", "replicas"]]?.intValue ?? 0 }
      if seen.last != desired { seen.append(desired) }
      let ready = deployments.values.map { deployment in
        min(
          deployment[path: ["spec", "replicas"]]?.intValue ?? 0,
          deployment[path: ["status", "readyReplicas"]]?.intValue ?? 0)
      }
      #expect(ready.reduce(0, +) >= 3, "fewer than 3 ready: \(desired)")
      #expect(desired.values.reduce(0, +) <= 4, "more than one surge instance: \(desired)")
      for deployment in deployments.values where !Harness.started(deployment) {
        try await harness.startInstances(deployment)
      }
      guard desired == [current: 3] else { return false }
      return Harness.serving(try await harness.cluster(), 3)
    }
    return seen
  }
}
