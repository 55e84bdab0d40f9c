import Foundation
import KubeCore
import Testing

@testable import EmbeddedCluster

/// `metadata.managedFields` and server-side apply, against what kube-apiserver v1.36 recorded for
/// the same requests (Fixtures/reference): the same entries, fields and order; the times aside.
@Suite("Managed fields and server-side apply")
struct ManagedFieldsTests {
  static let path = TestCluster.aiClusters

  /// An object's entries with each `time` reduced to whether it is there, by manager: writes a
  /// second apart in the recording fall into one second here, which orders them by name.
  static func entries(_ object: JSONValue) -> JSONValue {
    let entries = (object[path: ["metadata", "managedFields"]]?.arrayValue ?? []).map { entry in
      var entry = entry
      if entry["time"] != nil { entry["time"] = "<time>" }
      return entry
    }
    return .array(entries.sorted { $0.jsonString < $1.jsonString })
  }

  static func recordedEntries(_ name: String) throws -> JSONValue { entries(try ReferenceAnswer.json(name)) }

  static func cluster(_ name: String, spec: JSONValue, annotations: JSONValue? = nil) -> JSONValue {
    var object: JSONValue = [
      "apiVersion": "ai.aiconsole.dev/v1", "kind": "AICluster", "metadata": ["name": .string(name)], "spec": spec,
    ]
    if let annotations { object.set(annotations, at: ["metadata", "annotations"]) }
    return object
  }

  func get(_ cluster: TestCluster, _ name: String) async throws -> JSONValue {
    try await cluster.call("GET", "\(Self.path)/\(name)").value
  }

  func mergePatch(
    _ cluster: TestCluster, _ path: String, _ body: JSONValue, manager: String
  ) async throws -> Int {
    try await cluster.call(
      "PATCH", path, query: ["fieldManager": manager], body: body, contentType: "application/merge-patch+json"
    ).status
  }

  @Test("create, merge patch, status patch and scale patch record the entries kube-apiserver records")
  func updates() async throws {
    let cluster = try await TestCluster()
    let created = try await cluster.call(
      "POST", Self.path, query: ["fieldManager": "kubectl-create"],
      body: Self.cluster("mf", spec: ["modelName": "m", "modelVersion": "1.0", "replicas": 2]))
    #expect(created.status == 201)
    #expect(
      Self.entries(try await get(cluster, "mf")) == (try Self.recordedEntries("managedfields-kubectl-create.json")))
    #expect(try await mergePatch(cluster, "\(Self.path)/mf", ["spec": ["replicas": 3]], manager: "aiconsole") == 200)
    #expect(
      Self.entries(try await get(cluster, "mf"))
        == (try Self.recordedEntries("managedfields-merge-patch-fieldmanager.json")))
    let status: JSONValue = [
      "status": [
        "activeInstances": 1, "endpointURL": "http://mf.default.svc:8000", "replicas": 3, "selector": "app=mf",
      ]
    ]
    #expect(try await mergePatch(cluster, "\(Self.path)/mf/status", status, manager: "aiconsole-controller") == 200)
    #expect(Self.entries(try await get(cluster, "mf")) == (try Self.recordedEntries("managedfields-status-patch.json")))
    #expect(
      try await mergePatch(cluster, "\(Self.path)/mf/scale", ["spec": ["replicas": 4]], manager: "aiconsole") == 200)
    #expect(Self.entries(try await get(cluster, "mf")) == (try Self.recordedEntries("managedfields-scale-patch.json")))
  }

  @Test("a client-side apply owns its last-applied annotation and the spec it created")
  func clientSideApply() async throws {
    let cluster = try await TestCluster()
    let recorded = try ReferenceAnswer.json("managedfields-client-side-apply.json")
    let body = Self.cluster(
      "mfa", spec: ["modelName": "m", "modelVersion": "1.0", "replicas": 2],
      annotations: recorded[path: ["metadata", "annotations"]])
    _ = try await cluster.call("POST", Self.path, query: ["fieldManager": "kubectl-client-side-apply"], body: body)
    #expect(Self.entries(try await get(cluster, "mfa")) == Self.entries(recorded))
  }

  func apply(_ cluster: TestCluster, _ name: String, _ spec: JSONValue, manager: String?, force: Bool = false)
    async throws -> (status: Int, value: JSONValue)
  {
    var query: [String: String] = [:]
    if let manager { query["fieldManager"] = manager }
    if force { query["force"] = "true" }
    let yaml = Self.cluster(name, spec: spec).yamlString()
    let request = APIRequest(
      method: "PATCH", path: "\(Self.path)/\(name)", query: query, contentType: "application/apply-patch+yaml",
      bearerToken: "admin-token", body: Array(yaml.utf8))
    let response = await cluster.server.handle(request)
    return (response.status, try JSONParser.parse(response.bodyBytes))
  }

  @Test(
    "an apply creates the object and owns only what it set; another manager's apply of the same field is a conflict")
  func applyConflict() async throws {
    let cluster = try await TestCluster()
    let created = try await apply(
      cluster, "ssa1", ["replicas": 2, "modelName": "m", "modelVersion": "1.0"], manager: "alice")
    #expect(created.status == 201)
    #expect(Self.entries(created.value) == (try Self.recordedEntries("ssa-apply-create-201.json")))
    let refused = try await apply(cluster, "ssa1", ["replicas": 3], manager: "bob")
    #expect(refused.status == 409)
    #expect(refused.value == (try ReferenceAnswer.json("ssa-conflict-409.json")))
    #expect(try await get(cluster, "ssa1")[path: ["spec", "replicas"]] == 2)
    let forced = try await apply(cluster, "ssa1", ["replicas": 3], manager: "bob", force: true)
    #expect(forced.status == 200)
    #expect(forced.value[path: ["spec", "replicas"]] == 3)
    #expect(Self.entries(forced.value) == (try Self.recordedEntries("ssa-force-200.json")))
  }

  @Test("an apply without fieldManager is refused with kube-apiserver's 422")
  func applyNeedsManager() async throws {
    let cluster = try await TestCluster()
    let refused = try await apply(cluster, "ssa2", ["replicas": 2, "modelName": "m"], manager: nil)
    #expect(refused.status == 422)
    #expect(refused.value == (try ReferenceAnswer.json("ssa-no-fieldmanager-422.json")))
  }

  @Test("a field an applier owned alone and leaves out of its next apply is removed; one another manager owns stays")
  func applyRemovesWhatItDropped() async throws {
    let cluster = try await TestCluster()
    let spec: JSONValue = ["replicas": 2, "modelName": "m", "modelVersion": "1.0", "image": "vllm:1"]
    #expect(try await apply(cluster, "ssa3", spec, manager: "alice").status == 201)
    #expect(try await mergePatch(cluster, "\(Self.path)/ssa3", ["spec": ["image": "vllm:2"]], manager: "bob") == 200)
    let next = try await apply(cluster, "ssa3", ["replicas": 2, "modelName": "m"], manager: "alice")
    #expect(next.status == 200)
    #expect(next.value[path: ["spec", "modelVersion"]] == nil)
    #expect(next.value[path: ["spec", "image"]] == "vllm:2")
    let alice = (next.value[path: ["metadata", "managedFields"]]?.arrayValue ?? []).first { $0["manager"] == "alice" }
    #expect(alice?["fieldsV1"] == ["f:spec": ["f:modelName": .emptyObject, "f:replicas": .emptyObject]])
  }

  @Test("a write that changes nothing keeps the entries and their times")
  func noOpKeepsTimes() async throws {
    let cluster = try await TestCluster()
    _ = try await cluster.call(
      "POST", Self.path, query: ["fieldManager": "kubectl-create"],
      body: Self.cluster("same", spec: ["modelName": "m", "replicas": 2]))
    let before = try await get(cluster, "same")
    #expect(try await mergePatch(cluster, "\(Self.path)/same", ["spec": ["replicas": 2]], manager: "other") == 200)
    let after = try await get(cluster, "same")
    #expect(after[path: ["metadata", "managedFields"]] == before[path: ["metadata", "managedFields"]])
    #expect(after[path: ["metadata", "resourceVersion"]] == before[path: ["metadata", "resourceVersion"]])
  }

  @Test("entries are listed as kube-apiserver lists them: appliers, then updaters by time, one without a time first")
  func entryOrder() throws {
    let recorded = try ReferenceAnswer.json("server-side-apply-response.json")
    let entries = try FieldManager.entries(of: recorded)
    #expect(entries.map(\.manager) == ["peers-ssa", "curl", "kubectl-client-side-apply", "curl", "kubectl-patch"])
    #expect(entries.reversed().sorted(by: ManagedFieldsEntry.ordered) == entries)
    #expect(JSONValue.array(entries.map(\.json)) == recorded[path: ["metadata", "managedFields"]])
  }

  @Test("without fieldManager the manager is the User-Agent's product, as kube-apiserver names it")
  func managerFromUserAgent() throws {
    #expect(
      try FieldManager.name(fieldManager: nil, userAgent: "kubectl/v1.32.0 (linux/amd64) kubernetes/abc") == "kubectl")
    #expect(try FieldManager.name(fieldManager: nil, userAgent: "curl/8.5.0") == "curl")
    #expect(try FieldManager.name(fieldManager: "aiconsole", userAgent: "curl/8.5.0") == "aiconsole")
    #expect(throws: StatusError.self) {
      try FieldManager.name(fieldManager: String(repeating: "m", count: 129), userAgent: nil)
    }
  }
}
