import ClusterClient
import Foundation
import KubeCore
import Testing

/// An AICluster's life through the real controller and simulated fleet: create, scale, roll out,
/// roll back, crash-loop, run out of GPUs, delete.
@Suite(.serialized, .timeLimit(.minutes(10))) struct AIClusterLifecycleTests {
  /// Counts ready and existing instances of one AICluster from a watch, to catch any moment
  /// with fewer ready than desired (or more than one surplus) during a rollout.
  actor Watcher {
    var minimumReady = Int.max
    var maximumTotal = 0
    func observe(_ pods: [JSONValue]) {
      let live = pods.filter { $0[path: ["metadata", "deletionTimestamp"]] == nil }
      minimumReady = min(minimumReady, live.filter(ControllerHarness.ready).count)
      maximumTotal = max(maximumTotal, live.count)
    }
  }

  @Test func createScaleRollOutRollBackAndDelete() async throws {
    let harness = try await ControllerHarness()
    try await harness.model("llama-v1", version: "1")
    try await harness.model("llama-v2", version: "2")
    try await harness.createCluster("chat", version: "1", replicas: 3)
    try await harness.waitUntilServing("chat", 3)
    let pods = try await harness.pods(of: "chat")
    #expect(pods.allSatisfy { $0[path: ["spec", "nodeName"]]?.stringValue?.hasPrefix("sim-gpu-node-") == true })
    let service = try await harness.client.get(ControllerHarness.services, name: "chat", namespace: "default")
    #expect(service[path: ["spec", "selector", "ai.aiconsole.dev/cluster"]] == "chat")
    #expect(
      try await harness.cluster("chat")[path: ["status", "endpointURL"]] == "http://chat.default.svc.cluster.local:8000"
    )

    // Scale through the scale subresource, as `kubectl scale` and the console do, with a change ID.
    _ = try await harness.client.patch(
      ControllerHarness.aiclusters, name: "chat", namespace: "default",
      .merge(["metadata": ["annotations": ["ai.aiconsole.dev/change-id": "chg-scale-5"]]]))
    _ = try await harness.client.setReplicas(
      ControllerHarness.aiclusters, name: "chat", namespace: "default", replicas: 5)
    try await harness.waitUntilServing("chat", 5)
    let events = try await harness.client.list(ControllerHarness.events, namespace: "default").items
    #expect(
      events.contains {
        $0[path: ["metadata", "annotations", "ai.aiconsole.dev/change-id"]] == "chg-scale-5"
          && $0[path: ["involvedObject", "name"]] == "chat" && $0["reason"] == "Scaled"
      })
    _ = try await harness.client.setReplicas(
      ControllerHarness.aiclusters, name: "chat", namespace: "default", replicas: 0)
    try await harness.waitUntilServing("chat", 0)
    _ = try await harness.client.setReplicas(
      ControllerHarness.aiclusters, name: "chat", namespace: "default", replicas: 3)
    try await harness.waitUntilServing("chat", 3)
    let revision1 = try #require(try await harness.cluster("chat")[path: ["status", "currentRevision"]]?.stringValue)

    // A new model version rolls over one instance at a time, never below three ready.
    let watcher = Watcher()
    let watching = Task {
      while !Task.isCancelled {
        if let pods = try? await harness.pods(of: "chat") { await watcher.observe(pods) }
        try? await Task.sleep(for: .milliseconds(20))
      }
    }
    _ = try await harness.client.patch(
      ControllerHarness.aiclusters, name: "chat", namespace: "default", .merge(["spec": ["modelVersion": "2"]]))
    try await harness.eventually("revision 2 is current") {
      try await harness.cluster("chat")[path: ["status", "currentRevision"]]?.stringValue != revision1
    }
    try await harness.waitUntilServing("chat", 3)
    watching.cancel()
    #expect(await watcher.minimumReady >= 3)
    #expect(await watcher.maximumTotal <= 4)
    let afterRollout = try await harness.cluster("chat")
    let revision2 = try #require(afterRollout[path: ["status", "currentRevision"]]?.stringValue)
    let revisions = try await harness.client.list(
      ControllerHarness.revisions, namespace: "default",
      options: ListOptions(labelSelector: "ai.aiconsole.dev/cluster=chat")
    ).items
    #expect(revisions.count == 2)
    let first = try #require(revisions.first { $0[path: ["metadata", "name"]]?.stringValue == revision1 })
    #expect(first["revision"] == 1)
    #expect(revisions.first { $0[path: ["metadata", "name"]]?.stringValue == revision2 }?["revision"] == 2)
    #expect(
      try await harness.pods(of: "chat").allSatisfy {
        $0[path: ["metadata", "name"]]?.stringValue?.hasPrefix(revision2) == true
      })

    // Roll back: put revision 1's template back in the spec.
    let oldVersion = try #require(first[path: ["data", "modelVersion"]])
    _ = try await harness.client.patch(
      ControllerHarness.aiclusters, name: "chat", namespace: "default", .merge(["spec": ["modelVersion": oldVersion]]))
    try await harness.eventually("revision 1 is current again") {
      try await harness.cluster("chat")[path: ["status", "currentRevision"]]?.stringValue == revision1
    }
    try await harness.waitUntilServing("chat", 3)
    let renumbered = try await harness.client.get(ControllerHarness.revisions, name: revision1, namespace: "default")
    #expect(renumbered["revision"] == 3)

    // Deleting the AICluster collects its instances, revisions and Service.
    try await harness.client.delete(ControllerHarness.aiclusters, name: "chat", namespace: "default")
    try await harness.eventually("everything chat owned is gone") {
      let revisions = try await harness.client.list(
        ControllerHarness.revisions, namespace: "default",
        options: ListOptions(labelSelector: "ai.aiconsole.dev/cluster=chat")
      ).items
      let services = try await harness.client.list(ControllerHarness.services, namespace: "default").items
      let clusters = try await harness.client.list(ControllerHarness.aiclusters, namespace: "default").items
      return try await harness.pods(of: "chat").isEmpty && revisions.isEmpty && clusters.isEmpty
        && !services.contains { $0[path: ["metadata", "name"]] == "chat" }
    }
    try await harness.stop()
  }

  @Test func aCrashloopingVersionDegradesWhileTheOldOneServes() async throws {
    let harness = try await ControllerHarness()
    try await harness.model("llama-v1", version: "1")
    try await harness.model("llama-broken", version: "2-rc1", startupSeconds: 0, failureMode: "crashloop")
    try await harness.createCluster("chat", version: "1", replicas: 2)
    try await harness.waitUntilServing("chat", 2)
    _ = try await harness.client.patch(
      ControllerHarness.aiclusters, name: "chat", namespace: "default", .merge(["spec": ["modelVersion": "2-rc1"]]))
    try await harness.eventually("chat is Degraded with CrashLoop") {
      harness.condition("Degraded", of: try await harness.cluster("chat"))?["reason"] == "CrashLoop"
    }
    let cluster = try await harness.cluster("chat")
    let message = harness.condition("Degraded", of: cluster)?["message"]?.stringValue ?? ""
    #expect(message.contains("llama-3-8b 2-rc1 crash-looping"))
    #expect(message.contains("restarted"))
    #expect(cluster[path: ["status", "activeInstances"]] == 2, "the old version keeps serving")
    #expect(harness.condition("Ready", of: cluster)?["status"] == "True")
    #expect(harness.condition("Progressing", of: cluster)?["reason"] == "RollingUpdate")
    try await harness.stop()
  }

  @Test func moreInstancesThanGPUsAreUnschedulable() async throws {
    let harness = try await ControllerHarness(nodes: 2, gpusPerNode: 8)
    try await harness.model("llama-v1", version: "1", startupSeconds: 0)
    try await harness.createCluster("big", version: "1", replicas: 3, gpus: 8)
    try await harness.eventually("big is Degraded with Unschedulable") {
      let cluster = try await harness.cluster("big")
      return harness.condition("Degraded", of: cluster)?["reason"] == "Unschedulable"
        && cluster[path: ["status", "activeInstances"]] == 2
    }
    let cluster = try await harness.cluster("big")
    let message = harness.condition("Degraded", of: cluster)?["message"]?.stringValue ?? ""
    #expect(message.contains("0/2 nodes are available: 2 Insufficient nvidia.com/gpu"))
    #expect(harness.condition("Ready", of: cluster)?["status"] == "False")
    let pending = try await harness.pods(of: "big").filter { $0[path: ["spec", "nodeName"]] == nil }
    #expect(pending.count == 1)
    try await harness.stop()
  }

  @Test func pausedClustersKeepTheirInstancesAndOldRevisionsArePruned() async throws {
    let harness = try await ControllerHarness()
    for version in 1...4 { try await harness.model("llama-v\(version)", version: "\(version)", startupSeconds: 0) }
    try await harness.createCluster("chat", version: "1", replicas: 2)
    _ = try await harness.client.patch(
      ControllerHarness.aiclusters, name: "chat", namespace: "default", .merge(["spec": ["revisionHistoryLimit": 1]]))
    try await harness.waitUntilServing("chat", 2)
    for version in 2...3 {
      _ = try await harness.client.patch(
        ControllerHarness.aiclusters, name: "chat", namespace: "default",
        .merge(["spec": ["modelVersion": .string("\(version)")]]))
      try await harness.eventually("version \(version) serves") {
        let cluster = try await harness.cluster("chat")
        return cluster[path: ["status", "currentRevision"]]?.stringValue?.isEmpty == false
          && harness.condition("Progressing", of: cluster)?["reason"] == "RolloutComplete"
          && cluster[path: ["status", "observedGeneration"]] == cluster[path: ["metadata", "generation"]]
      }
    }
    try await harness.eventually("only the current revision and one more are kept") {
      try await harness.client.list(
        ControllerHarness.revisions, namespace: "default",
        options: ListOptions(labelSelector: "ai.aiconsole.dev/cluster=chat")
      ).items.count == 2
    }
    let before = Set(try await harness.pods(of: "chat").compactMap { $0[path: ["metadata", "name"]]?.stringValue })
    _ = try await harness.client.patch(
      ControllerHarness.aiclusters, name: "chat", namespace: "default",
      .merge(["spec": ["paused": true, "modelVersion": "4", "replicas": 3]]))
    try await harness.eventually("chat reports the pause") {
      harness.condition("Progressing", of: try await harness.cluster("chat"))?["reason"] == "Paused"
    }
    try await Task.sleep(for: .seconds(1))
    let during = Set(try await harness.pods(of: "chat").compactMap { $0[path: ["metadata", "name"]]?.stringValue })
    #expect(during == before, "a paused AICluster's instances are left as they are")
    _ = try await harness.client.patch(
      ControllerHarness.aiclusters, name: "chat", namespace: "default", .merge(["spec": ["paused": false]]))
    try await harness.waitUntilServing("chat", 3)
    #expect(
      try await harness.pods(of: "chat").allSatisfy {
        $0[path: ["metadata", "labels", "ai.aiconsole.dev/revision"]]?.stringValue != nil
          && !before.contains($0[path: ["metadata", "name"]]?.stringValue ?? "")
      })
    try await harness.stop()
  }
}
