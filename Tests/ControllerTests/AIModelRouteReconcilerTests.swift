import ClusterClient
import ClusterTestSupport
import Foundation
import KubeCore
import Logging
import Testing

@testable import Controller

@Suite(.timeLimit(.minutes(5))) struct AIModelRouteReconcilerTests {
  static let now = "2026-01-01T00:00:00Z"

  static func route(auth: Bool = false) -> JSONValue {
    var spec: JSONValue = [
      "model": "llama", "backends": [["service": "stable", "weight": 80], ["service": "canary", "weight": 20]],
      "contextSchemaRef": ["name": "support"],
    ]
    if auth { spec["auth"] = ["type": "APIKey", "secretRef": ["name": "keys"]] }
    return [
      "apiVersion": "ai.aiconsole.dev/v1", "kind": "AIModelRoute",
      "metadata": ["name": "chat", "namespace": "default", "generation": 3], "spec": spec,
    ]
  }

  static func service(ready: Int64) -> JSONValue { ["status": ["readyReplicas": .int(ready)]] }

  static func condition(_ status: JSONValue, _ type: String) -> JSONValue? {
    status["conditions"]?.arrayValue?.first { $0["type"]?.stringValue == type }
  }

  @Test func programmedWhenEverythingResolvesAndABackendIsReady() throws {
    var references = AIModelRouteReconciler.References()
    references.services = ["stable": Self.service(ready: 2), "canary": Self.service(ready: 0)]
    references.schema = ["metadata": ["name": "support"]]
    let status = try AIModelRouteReconciler.status(of: Self.route(), references, now: Self.now)
    #expect(Self.condition(status, "Accepted")?["status"] == "True")
    #expect(Self.condition(status, "ResolvedRefs")?["status"] == "True")
    #expect(Self.condition(status, "Programmed")?["status"] == "True")
    #expect(Self.condition(status, "Programmed")?["message"] == "serving through stable")
    #expect(Self.condition(status, "Programmed")?["observedGeneration"] == 3)
    #expect(
      status["backends"] == [
        ["service": "stable", "ready": true, "weight": 80], ["service": "canary", "ready": false, "weight": 20],
      ])
  }

  @Test func missingReferencesAreNamedAndNothingIsProgrammed() throws {
    var references = AIModelRouteReconciler.References()
    references.services = ["stable": Self.service(ready: 1)]
    references.missingServices = ["canary"]
    references.secretExists = false
    references.schemaMissing = true
    let status = try AIModelRouteReconciler.status(of: Self.route(auth: true), references, now: Self.now)
    let resolved = Self.condition(status, "ResolvedRefs")
    #expect(resolved?["status"] == "False")
    #expect(resolved?["reason"] == "RefNotFound")
    #expect(
      resolved?["message"]
        == "not found: InferenceService \"canary\", Secret \"keys\", ModelContextSchema \"support\"")
    #expect(Self.condition(status, "Programmed")?["status"] == "False")
  }

  @Test func noReadyBackendIsNotProgrammedUntilOneIsReady() async throws {
    let server = try await EmbeddedServer.start()
    let client = try KubeClient(configuration: .load(kubeconfig: server.kubeconfigPath, rateLimit: .unlimited))
    let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("config/samples")
    let catalog = try await APIDiscovery.catalog(client)
    for file in ["modeldeployment", "modelcontextschema", "inferenceservice", "aimodelroute"] {
      let object = try JSONValue.parseYAML(
        try String(contentsOf: samples.appendingPathComponent(file + ".yaml"), encoding: .utf8))
      let resource = try #require(catalog.resource(named: object["kind"]?.stringValue ?? ""))
      _ = try await client.create(resource, object, namespace: "default")
    }
    let reconciler = AIModelRouteReconciler(client: client)
    let controller = KindController(client: client, reconciler: reconciler, logger: Logger(label: "test"))
    let running = Task { await controller.run() }
    func programmed() async throws -> JSONValue? {
      let route = try await client.get(reconciler.resource, name: "chat-route", namespace: "default")
      return route["status"].flatMap { Self.condition($0, "Programmed") }
    }
    var first: JSONValue?
    for _ in 0..<600 where first == nil {
      first = try await programmed()
      try await Task.sleep(for: .milliseconds(50))
    }
    #expect(first?["reason"] == "NoReadyBackend")
    _ = try await client.patch(
      AIModelRouteReconciler.inferenceServices, name: "chat", namespace: "default",
      .merge(["status": ["readyReplicas": 1]]), subresource: "status")
    var ready = false
    for _ in 0..<400 where !ready {
      ready = try await programmed()?["status"] == "True"
      try await Task.sleep(for: .milliseconds(100))
    }
    #expect(ready)  // seen at the next recheck, at most five seconds later
    running.cancel()
    await running.value
    try await client.shutdown()
    await server.stop()
  }
}
