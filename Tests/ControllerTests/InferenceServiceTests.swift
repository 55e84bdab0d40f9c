import ClusterClient
import Foundation
import KubeCore
import Testing

/// An InferenceService with a canary, through the real controller: two AIClusters, the canary's
/// share, its promotion by a spec edit, and the model history it leaves.
@Suite(.serialized, .timeLimit(.minutes(10))) struct InferenceServiceTests {
  func fetch(_ harness: ControllerHarness, _ name: String) async throws -> JSONValue {
    try await harness.client.get(ControllerHarness.inferenceServices, name: name, namespace: "default")
  }

  @Test func aCanaryAtTwentyPercentIsPromotedBySettingTheModelRef() async throws {
    let harness = try await ControllerHarness()
    try await harness.model("llama-v1", version: "1")
    try await harness.model("llama-v2", version: "2")
    _ = try await harness.client.create(
      ControllerHarness.inferenceServices,
      [
        "apiVersion": "ai.aiconsole.dev/v1", "kind": "InferenceService",
        "metadata": ["name": "chat", "namespace": "default"],
        "spec": [
          "modelRef": ["name": "llama-v1"], "replicas": 4, "hardwareProfile": ["gpu": 1],
          "canary": ["modelRef": ["name": "llama-v2"], "trafficPercent": 20],
        ],
      ])
    try await harness.waitUntilServing("chat", 4)
    try await harness.waitUntilServing("chat-canary", 1)
    try await harness.eventually("the service reports both pools ready") {
      let service = try await fetch(harness, "chat")
      return service[path: ["status", "readyReplicas"]] == 4
        && service[path: ["status", "canary", "readyReplicas"]] == 1
        && service[path: ["status", "canary", "trafficPercent"]] == 20
        && service[path: ["status", "modelStatus"]] == "Ready"
        && harness.condition("CanaryReady", of: service)?["status"] == "True"
    }
    #expect(try await harness.cluster("chat-canary")[path: ["spec", "modelVersion"]] == "2")
    #expect(try await harness.cluster("chat")[path: ["spec", "modelVersion"]] == "1")

    // Promotion: the canary's model becomes the service's, and the canary goes.
    _ = try await harness.client.patch(
      ControllerHarness.inferenceServices, name: "chat", namespace: "default",
      .merge(["spec": ["modelRef": ["name": "llama-v2"], "canary": nil]]))
    try await harness.eventually("the canary pool is gone and the stable pool runs version 2") {
      let clusters = try await harness.client.list(ControllerHarness.aiclusters, namespace: "default").items
      let stable = try await harness.cluster("chat")
      return clusters.count == 1 && stable[path: ["spec", "modelVersion"]] == "2"
    }
    try await harness.waitUntilServing("chat", 4)
    let service = try await fetch(harness, "chat")
    #expect(service[path: ["status", "canary"]] == nil)
    #expect(harness.condition("CanaryReady", of: service) == nil)
    let history = try await harness.client.list(
      ControllerHarness.revisions, namespace: "default",
      options: ListOptions(labelSelector: "ai.aiconsole.dev/inferenceservice=chat")
    ).items
    #expect(
      Set(history.compactMap { $0[path: ["data", "modelRef", "name"]]?.stringValue }) == ["llama-v1", "llama-v2"])
    try await harness.stop()
  }

  @Test func aMissingModelIsReportedByName() async throws {
    let harness = try await ControllerHarness()
    _ = try await harness.client.create(
      ControllerHarness.inferenceServices,
      [
        "apiVersion": "ai.aiconsole.dev/v1", "kind": "InferenceService",
        "metadata": ["name": "orphan", "namespace": "default"],
        "spec": ["modelRef": ["name": "nowhere"], "replicas": 1],
      ])
    try await harness.eventually("the service says which model is missing") {
      let service = try await fetch(harness, "orphan")
      return harness.condition("Ready", of: service)?["message"]
        == "spec.modelRef: ModelDeployment \"nowhere\" not found; nothing serves"
        && harness.condition("Degraded", of: service)?["reason"] == "ModelNotFound"
        && service[path: ["status", "modelStatus"]] == "Unhealthy"
    }
    // Creating the model wakes the service up without any edit of it.
    try await harness.model("nowhere", version: "1")
    try await harness.waitUntilServing("orphan", 1)
    try await harness.stop()
  }

  @Test("a modelRef to a missing ModelDeployment keeps the serving pool in status and names the model")
  func aMissingModelAfterServingShowsWhatStillServes() async throws {
    let harness = try await ControllerHarness()
    try await harness.model("mistral-v1", version: "1", startupSeconds: 0)
    _ = try await harness.client.create(
      ControllerHarness.inferenceServices,
      [
        "apiVersion": "ai.aiconsole.dev/v1", "kind": "InferenceService",
        "metadata": ["name": "support", "namespace": "default"],
        "spec": ["modelRef": ["name": "mistral-v1"], "replicas": 2],
      ])
    try await harness.waitUntilServing("support", 2)
    _ = try await harness.client.patch(
      ControllerHarness.inferenceServices, name: "support", namespace: "default",
      .merge(["spec": ["modelRef": ["name": "mistral-v9"]]]))
    try await harness.eventually("the service is Degraded for the missing model and still counts its pool") {
      let service = try await fetch(harness, "support")
      let degraded = harness.condition("Degraded", of: service)
      return degraded?["reason"] == "ModelNotFound"
        && degraded?["message"]?.stringValue?.hasPrefix("spec.modelRef: ModelDeployment \"mistral-v9\" not found")
          == true
        && service[path: ["status", "readyReplicas"]] == 2 && service[path: ["status", "currentReplicas"]] == 2
    }
    let service = try await fetch(harness, "support")
    #expect(harness.condition("Ready", of: service)?["status"] == "True")
    #expect(harness.condition("Progressing", of: service)?["reason"] == "ModelNotFound")
    #expect(
      harness.condition("Degraded", of: service)?["message"]
        == "spec.modelRef: ModelDeployment \"mistral-v9\" not found; still serving llama-3-8b 1 from aicluster support (2/2 ready)"
    )
    #expect(try await harness.cluster("support")[path: ["spec", "replicas"]] == 2)
    try await harness.stop()
  }

  @Test func anApplicationAggregatesItsServicesAndRoutes() async throws {
    let harness = try await ControllerHarness()
    let applications = APIResource(
      group: "ai.aiconsole.dev", version: "v1", name: "aiapplications", kind: "AIApplication", namespaced: true)
    _ = try await harness.client.create(
      applications,
      [
        "apiVersion": "ai.aiconsole.dev/v1", "kind": "AIApplication",
        "metadata": ["name": "support-bot", "namespace": "default"],
        "spec": ["services": [["name": "chat"]], "routes": [["name": "chat-route"]]],
      ])
    try await harness.eventually("the application is Unhealthy and says why") {
      let application = try await harness.client.get(applications, name: "support-bot", namespace: "default")
      let message = harness.condition("Ready", of: application)?["message"]?.stringValue ?? ""
      return application[path: ["status", "health"]] == "Unhealthy"
        && message.contains("InferenceService \"chat\" not found")
    }
    try await harness.model("llama-v1", version: "1", startupSeconds: 0)
    _ = try await harness.client.create(
      ControllerHarness.inferenceServices,
      [
        "apiVersion": "ai.aiconsole.dev/v1", "kind": "InferenceService",
        "metadata": ["name": "chat", "namespace": "default"],
        "spec": ["modelRef": ["name": "llama-v1"], "replicas": 1],
      ])
    try await harness.eventually("the ready service makes the application Degraded (its route is missing)") {
      let application = try await harness.client.get(applications, name: "support-bot", namespace: "default")
      return application[path: ["status", "health"]] == "Degraded"
        && application[path: ["status", "services"]]?.arrayValue?.first?["ready"] == true
    }
    try await harness.stop()
  }
}
