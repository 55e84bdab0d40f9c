import ClusterClient
import Foundation
import KubeCore
import Testing

@testable import ConsoleApp

/// `aiconsole scale|rollback|canary|route edit`, run as the real binary against `aiconsole serve`
/// (without the controller, so that only the commands change the objects).
@Suite("Operation commands as the real binary")
struct OperationCommandTests {
  /// A served control plane with a client and a state directory for the audit log.
  struct Served {
    let server: ServeProcess
    let client: KubeClient
    let auditDirectory: URL

    func aiconsole(_ arguments: [String], environment: [String: String] = [:]) throws -> CommandResult {
      try runCommand(
        ServeProcess.binary,
        arguments + ["--kubeconfig", server.kubeconfig, "--state-dir", auditDirectory.path],
        environment: environment)
    }

    func create(_ kind: OperationKind, _ name: String, spec: JSONValue) async throws {
      _ = try await client.create(
        kind.resource,
        [
          "apiVersion": "ai.aiconsole.dev/v1", "kind": .string(kind.rawValue),
          "metadata": ["name": .string(name), "namespace": "default"], "spec": spec,
        ])
    }

    func get(_ kind: OperationKind, _ name: String) async throws -> JSONValue {
      try await client.get(kind.resource, name: name, namespace: "default")
    }
  }

  func withServer(_ name: String, _ body: (Served) async throws -> Void) async throws {
    let server = ServeProcess(stateDirectory: ServeProcess.temporaryDirectory(name), arguments: ["--no-controller"])
    try server.start()
    defer { server.stop() }
    let client = try KubeClient(configuration: .load(kubeconfig: server.kubeconfig, rateLimit: .unlimited))
    let served = Served(
      server: server, client: client, auditDirectory: server.stateDirectory.appendingPathComponent("audit"))
    do {
      try await body(served)
    } catch {
      try? await client.shutdown()
      throw error
    }
    try? await client.shutdown()
  }

  static func changeID(_ stdout: String) -> String? {
    stdout.split(separator: "\n").first { $0.hasPrefix("change-id: ") }.map { String($0.dropFirst(11)) }
  }

  @Test("scale prints what it did and the change-id; a bad count or kind is an error with status 1")
  func scale() async throws {
    try await withServer("ops-scale") { served in
      try await served.create(.aiCluster, "llama", spec: ["modelName": "llama", "replicas": 1])
      let scaled = try served.aiconsole(["scale", "aic/llama", "4"])
      #expect(scaled.status == 0, "\(scaled.stderr)")
      #expect(scaled.stdout.hasPrefix("aicluster/llama scaled to 4 (was 1)\nchange-id: "))
      let stored = try await served.get(.aiCluster, "llama")
      #expect(stored[path: ["spec", "replicas"]] == 4)
      #expect(
        stored[path: ["metadata", "annotations", "ai.aiconsole.dev/change-id"]]?.stringValue
          == Self.changeID(scaled.stdout))
      let tooMany = try served.aiconsole(["scale", "aicluster/llama", "5000"])
      #expect(tooMany.status == 1)
      #expect(tooMany.stderr == "error: cannot scale aicluster/llama to 5000: replicas must be within 0..1000\n")
      let unknown = try served.aiconsole(["scale", "widgets/llama", "2"])
      #expect(unknown.status == 1)
      #expect(unknown.stderr == "error: cannot act on \"widgets\": use aicluster (aic) or inferenceservice (infsvc)\n")
      let missing = try served.aiconsole(["scale", "aic/nothing", "2"])
      #expect(missing.status == 1)
      #expect(missing.stderr.contains("\"nothing\" not found"))
      let readOnly = try served.aiconsole(["scale", "aic/llama", "2", "--readonly"])
      #expect(readOnly.status == 1)
      #expect(readOnly.stderr == "error: read-only mode: scale of aicluster/llama refused, nothing was changed\n")
      #expect(try await served.get(.aiCluster, "llama")[path: ["spec", "replicas"]] == 4)
      let audit = try String(
        contentsOf: served.auditDirectory.appendingPathComponent("audit.jsonl"), encoding: .utf8)
      #expect(audit.split(separator: "\n").count == 4)
    }
  }

  @Test("rollback and canary print the fields they change")
  func rollbackAndCanary() async throws {
    try await withServer("ops-rollback") { served in
      try await served.create(
        .inferenceService, "chat", spec: ["modelRef": ["name": "m2"], "canary": ["modelRef": ["name": "m3"]]])
      let service = try await served.get(.inferenceService, "chat")
      for number in Int64(1)...2 {
        _ = try await served.client.create(
          OperationsWorld.revisions,
          [
            "apiVersion": "apps/v1", "kind": "ControllerRevision",
            "metadata": [
              "name": .string("chat-\(number)"), "namespace": "default",
              "labels": ["ai.aiconsole.dev/inferenceservice": "chat"],
              "ownerReferences": [
                [
                  "apiVersion": "ai.aiconsole.dev/v1", "kind": "InferenceService", "name": "chat",
                  "uid": service[path: ["metadata", "uid"]] ?? "",
                ]
              ],
            ],
            "data": ["modelRef": ["name": .string("m\(number)")]], "revision": .int(number),
          ])
      }
      let rolled = try served.aiconsole(["rollback", "infsvc/chat"])
      #expect(rolled.status == 0, "\(rolled.stderr)")
      #expect(rolled.stdout.contains("inferenceservice/chat rolled back to revision 1"))
      #expect(rolled.stdout.contains("\n  spec.modelRef.name: m2 → m1\n"))
      let none = try served.aiconsole(["rollback", "infsvc/chat", "--to-revision", "7"])
      #expect(none.status == 1)
      #expect(none.stderr == "error: inferenceservice/chat has no revision 7: its revisions are 1, 2\n")
      let traffic = try served.aiconsole(["canary", "chat", "--traffic", "25"])
      #expect(traffic.status == 0, "\(traffic.stderr)")
      #expect(traffic.stdout.hasPrefix("inferenceservice/chat canary takes 25% of the traffic (was 10%)\n"))
      let promoted = try served.aiconsole(["canary", "infsvc/chat", "--promote"])
      #expect(promoted.status == 0, "\(promoted.stderr)")
      #expect(try await served.get(.inferenceService, "chat")[path: ["spec", "modelRef", "name"]] == "m3")
      let again = try served.aiconsole(["canary", "chat", "--abort"])
      #expect(again.status == 1)
      #expect(again.stderr == "error: inferenceservice/chat has no canary\n")
    }
  }
}
