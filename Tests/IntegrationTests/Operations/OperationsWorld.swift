import ClusterClient
import ClusterTestSupport
import Foundation
import KubeCore
import Synchronization

@testable import ConsoleApp

/// An embedded server over loopback HTTPS with a client and the objects the operations act on.
struct OperationsWorld {
  let server: EmbeddedServer
  let client: KubeClient
  let audit: AuditLog

  static let revisions = APIResource(
    group: "apps", version: "v1", name: "controllerrevisions", kind: "ControllerRevision", namespaced: true)

  static func start() async throws -> OperationsWorld {
    let server = try await EmbeddedServer.start()
    let client = try KubeClient(configuration: .load(kubeconfig: server.kubeconfigPath, rateLimit: .unlimited))
    return OperationsWorld(server: server, client: client, audit: AuditLog(stateDirectory: server.stateDirectory))
  }

  /// Runs `body` on a fresh world and stops it afterwards, whatever happened.
  static func with(_ body: (OperationsWorld) async throws -> Void) async throws {
    let world = try await start()
    do {
      try await body(world)
    } catch {
      await world.stop()
      throw error
    }
    await world.stop()
  }

  /// Operations whose change-ids count up from `change-1`.
  func operations(readOnly: Bool = false) -> ClusterOperations {
    let counter = Counter()
    return ClusterOperations(
      client: client, namespace: "default", readOnly: readOnly, audit: audit,
      makeChangeID: { "change-\(counter.next())" })
  }

  func stop() async {
    try? await client.shutdown()
    await server.stop()
  }

  @discardableResult
  func create(_ kind: OperationKind, _ name: String, spec: JSONValue) async throws -> JSONValue {
    try await client.create(
      kind.resource,
      [
        "apiVersion": "ai.aiconsole.dev/v1", "kind": .string(kind.rawValue),
        "metadata": ["name": .string(name), "namespace": "default"], "spec": spec,
      ])
  }

  func get(_ kind: OperationKind, _ name: String) async throws -> JSONValue {
    try await client.get(kind.resource, name: name, namespace: "default")
  }

  /// A ControllerRevision owned by `owner` as the controller writes it.
  func createRevision(of owner: JSONValue, label: String, number: Int64, data: JSONValue) async throws {
    let name = owner[path: ["metadata", "name"]]?.stringValue ?? ""
    _ = try await client.create(
      Self.revisions,
      [
        "apiVersion": "apps/v1", "kind": "ControllerRevision",
        "metadata": [
          "name": .string("\(name)-r\(number)"), "namespace": "default",
          "labels": [label: .string(name)],
          "ownerReferences": [
            [
              "apiVersion": "ai.aiconsole.dev/v1", "kind": owner["kind"] ?? "", "name": .string(name),
              "uid": owner[path: ["metadata", "uid"]] ?? "", "controller": true,
            ]
          ],
        ],
        "data": data, "revision": .int(number),
      ])
  }

  /// Answers each new change-id on the object with a status write, as the controller's reconcile
  /// does, until cancelled; returns how many it answered.
  func answerChangeIDs(_ kind: OperationKind, _ name: String) async throws -> Int {
    var answered: JSONValue?
    var writes = 0
    while !Task.isCancelled {
      do {
        let changeID = try await get(kind, name)[path: ["metadata", "annotations", ChangeID.annotation]]
        guard let changeID, changeID != answered else { continue }
        _ = try await client.patch(
          kind.resource, name: name, namespace: "default",
          .merge(["status": ["reconcile": ["result": "Success", "changeID": changeID]]]), subresource: "status",
          fieldManager: "test-controller")
        answered = changeID
        writes += 1
      } catch  where Task.isCancelled {
        break
      }
    }
    return writes
  }

  /// The audit log's lines, parsed.
  func auditLines() throws -> [JSONValue] {
    let text = (try? String(contentsOf: audit.url, encoding: .utf8)) ?? ""
    return try text.split(separator: "\n").map { try JSONParser.parse(Array($0.utf8)) }
  }
}

/// A counter shared by a Sendable closure.
final class Counter: Sendable {
  private let value = Mutex(0)

  func next() -> Int {
    value.withLock {
      $0 += 1
      return $0
    }
  }
}
