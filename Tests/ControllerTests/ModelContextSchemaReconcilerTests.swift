import ClusterClient
import ClusterTestSupport
import Controller
import Foundation
import KubeCore
import Logging
import Testing

@testable import Controller

@Suite(.timeLimit(.minutes(5))) struct ModelContextSchemaReconcilerTests {
  static func schema(_ fields: JSONValue, generation: Int64 = 1, status: JSONValue? = nil) -> JSONValue {
    var object: JSONValue = [
      "apiVersion": "ai.aiconsole.dev/v1", "kind": "ModelContextSchema",
      "metadata": ["name": "support", "namespace": "default", "generation": .int(generation)],
      "spec": ["contextFields": fields],
    ]
    if let status { object["status"] = status }
    return object
  }

  @Test func validSchemaIsReadyAndKeepsItsTransitionTime() throws {
    let fields: JSONValue = [["name": "ticket", "type": "string", "required": true, "validationRegex": "^T-[0-9]+$"]]
    let first = try ModelContextSchemaReconciler.status(of: Self.schema(fields), now: "2026-01-01T00:00:00Z")
    #expect(first["ready"] == true)
    #expect(first[path: ["conditions"]]?.arrayValue?.first?["status"] == "True")
    let again = try ModelContextSchemaReconciler.status(
      of: Self.schema(fields, generation: 2, status: first), now: "2026-01-02T00:00:00Z")
    let condition = again["conditions"]?.arrayValue?.first
    #expect(condition?["lastTransitionTime"] == "2026-01-01T00:00:00Z")
    #expect(condition?["observedGeneration"] == 2)
  }

  @Test func invalidSchemaNamesEveryFault() throws {
    let fields: JSONValue = [
      ["name": "ticket", "type": "string", "validationRegex": "(unclosed"],
      ["name": "ticket", "type": "number"],
    ]
    let status = try ModelContextSchemaReconciler.status(of: Self.schema(fields), now: "2026-01-01T00:00:00Z")
    #expect(status["ready"] == false)
    let condition = status["conditions"]?.arrayValue?.first
    #expect(condition?["reason"] == "SchemaInvalid")
    let message = condition?["message"]?.stringValue ?? ""
    #expect(message.contains("spec.contextFields[1].name") || message.contains("Duplicate"))
    #expect(message.contains("validationRegex"))
  }

  @Test func reconcilesAgainstTheEmbeddedServer() async throws {
    let server = try await EmbeddedServer.start()
    let client = try KubeClient(configuration: .load(kubeconfig: server.kubeconfigPath, rateLimit: .unlimited))
    let controller = KindController(
      client: client, reconciler: ModelContextSchemaReconciler(client: client), logger: Logger(label: "test"))
    let running = Task { await controller.run() }
    let reconciler = ModelContextSchemaReconciler(client: client)
    _ = try await client.create(
      reconciler.resource, Self.schema([["name": "ticket", "type": "string", "required": true]]))
    var status: JSONValue?
    for _ in 0..<600 {
      let object = try await client.get(reconciler.resource, name: "support", namespace: "default")
      if object[path: ["status", "reconcile", "result"]] == "Success", object[path: ["status", "ready"]] == true {
        status = object["status"]
        break
      }
      try await Task.sleep(for: .milliseconds(50))
    }
    #expect(status?["conditions"]?.arrayValue?.first?["type"] == "Valid")
    #expect(status?["observedGeneration"] == 1)
    running.cancel()
    await running.value
    try await client.shutdown()
    await server.stop()
  }
}
