import Foundation
import KubeCore
import Testing

@testable import EmbeddedCluster

/// Tables of built-in kinds that have no kube-apiserver recording: their columns and cells follow
/// kube-apiserver's printers (pkg/printers/internalversion/printers.go).
@Suite("API server: Secrets, ServiceAccounts, ControllerRevisions and Leases Tables as printers.go prints them")
struct UnrecordedTablesTests {
  static func table(_ cluster: TestCluster, _ path: String) async throws -> JSONValue {
    try await cluster.call("GET", path, accept: CoreTablesTests.accept).value
  }

  static func columns(_ table: JSONValue) -> [String] {
    (table["columnDefinitions"]?.arrayValue ?? []).map {
      "\($0["name"]?.stringValue ?? ""):\($0["type"]?.stringValue ?? ""):\($0["priority"]?.intValue ?? -1)"
    }
  }

  static func cells(_ table: JSONValue) -> [[JSONValue]] {
    (table["rows"]?.arrayValue ?? []).map { Array(($0["cells"]?.arrayValue ?? []).dropLast()) }
  }

  @Test("secrets: Type, Data an integer cell counting data keys, Age")
  func secrets() async throws {
    let cluster = try await TestCluster()
    let secret: JSONValue = [
      "apiVersion": "v1", "kind": "Secret", "metadata": ["name": "s1"], "data": ["a": "MQ==", "b": "Mg=="],
    ]
    try await CoreTablesTests.create(cluster, "/api/v1/namespaces/default/secrets", secret)
    let table = try await Self.table(cluster, "/api/v1/namespaces/default/secrets")
    #expect(Self.columns(table) == ["Name:string:0", "Type:string:0", "Data:string:0", "Age:string:0"])
    #expect(Self.cells(table) == [["s1", "Opaque", 2]])
  }

  @Test("controllerrevisions: Controller kind.group/name, Revision an integer cell under a string column")
  func controllerRevisions() async throws {
    let cluster = try await TestCluster()
    let revision: JSONValue = [
      "apiVersion": "apps/v1", "kind": "ControllerRevision",
      "metadata": [
        "name": "demo-1",
        "ownerReferences": [
          [
            "apiVersion": "ai.aiconsole.dev/v1", "kind": "AICluster", "name": "demo", "uid": "u-1",
            "controller": true,
          ]
        ],
      ],
      "revision": 3, "data": .emptyObject,
    ]
    try await CoreTablesTests.create(cluster, "/apis/apps/v1/namespaces/default/controllerrevisions", revision)
    let table = try await Self.table(cluster, "/apis/apps/v1/namespaces/default/controllerrevisions")
    #expect(Self.columns(table) == ["Name:string:0", "Controller:string:0", "Revision:string:0", "Age:string:0"])
    #expect(Self.cells(table) == [["demo-1", "aicluster.ai.aiconsole.dev/demo", 3]])
  }

  @Test("leases: Holder, empty without a holder")
  func leases() async throws {
    let cluster = try await TestCluster()
    let path = "/apis/coordination.k8s.io/v1/namespaces/default/leases"
    let held: JSONValue = [
      "apiVersion": "coordination.k8s.io/v1", "kind": "Lease", "metadata": ["name": "a"],
      "spec": ["holderIdentity": "controller-0"],
    ]
    try await CoreTablesTests.create(cluster, path, held)
    let free: JSONValue = ["apiVersion": "coordination.k8s.io/v1", "kind": "Lease", "metadata": ["name": "b"]]
    try await CoreTablesTests.create(cluster, path, free)
    let table = try await Self.table(cluster, path)
    #expect(Self.columns(table) == ["Name:string:0", "Holder:string:0", "Age:string:0"])
    #expect(Self.cells(table) == [["a", "controller-0"], ["b", ""]])
  }

  @Test("serviceaccounts: Secrets an integer cell counting secret references, with ServiceAccount's secrets doc")
  func serviceAccounts() async throws {
    let cluster = try await TestCluster()
    let account: JSONValue = [
      "apiVersion": "v1", "kind": "ServiceAccount", "metadata": ["name": "builder"],
      "secrets": [["name": "builder-token"]],
    ]
    try await CoreTablesTests.create(cluster, "/api/v1/namespaces/default/serviceaccounts", account)
    let table = try await Self.table(cluster, "/api/v1/namespaces/default/serviceaccounts")
    #expect(Self.columns(table) == ["Name:string:0", "Secrets:string:0", "Age:string:0"])
    #expect(Self.cells(table).contains(["builder", 1]))
    let secrets = table["columnDefinitions"]?.arrayValue?.dropFirst().first?["description"]?.stringValue ?? ""
    #expect(secrets.hasPrefix("Secrets is a list of the secrets in the same namespace"))
  }
}
