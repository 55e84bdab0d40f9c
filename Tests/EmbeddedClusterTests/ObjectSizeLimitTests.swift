import Foundation
import KubeCore
import Testing

@testable import EmbeddedCluster

/// The request body limit (3 MiB) is not enough: a small body can decode, patch or apply into a huge
/// object. These bound what a request may make — YAML aliases before they expand, a JSON patch's
/// operations and copies while it applies, and the stored object (etcd's 1.5 MiB) — and leave the
/// object as it was when they refuse.
@Suite("object size after decoding, patching and applying")
struct ObjectSizeLimitTests {
  static let configMaps = "/api/v1/namespaces/default/configmaps"

  static func createConfigMap(_ cluster: TestCluster, _ name: String) async throws -> JSONValue {
    let (status, created) = try await cluster.call(
      "POST", configMaps,
      body: ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": .string(name)], "data": ["k": "v"]])
    #expect(status == 201)
    return created
  }

  /// Nine levels of nine aliases: 387 million strings once expanded, in about 400 bytes.
  static let aliasBomb = """
    apiVersion: v1
    kind: ConfigMap
    metadata:
      name: laughs
    data:
      a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
      b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
      c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
      d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
      e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
      f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
      g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
      h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
      i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]

    """

  @Test("a YAML alias bomb in an apply is refused at once with 400 naming the aliasing, creating nothing")
  func aliasBombRefused() async throws {
    let cluster = try await TestCluster()
    let clock = ContinuousClock()
    let start = clock.now
    let response = await cluster.server.handle(
      APIRequest(
        method: "PATCH", path: Self.configMaps + "/laughs", query: ["fieldManager": "bomb"], accept: "application/json",
        contentType: "application/apply-patch+yaml", bearerToken: "admin-token", body: Array(Self.aliasBomb.utf8)))
    let elapsed = clock.now - start
    let (status, refusal) = (response.status, try JSONParser.parse(response.bodyBytes))
    #expect(status == 400)
    #expect(refusal["reason"] == "BadRequest")
    let message = refusal["message"]?.stringValue ?? ""
    #expect(message.contains("error decoding YAML: yaml: document contains excessive aliasing"), "\(message)")
    #expect(elapsed < .seconds(1), "refusing took \(elapsed)")
    #expect(try await cluster.call("GET", Self.configMaps + "/laughs").status == 404)
    Self.report("YAML alias bomb apply (\(Self.aliasBomb.utf8.count) bytes)", status: status, elapsed: elapsed)
  }

  @Test("a 2.9 KB JSON patch of repeated copies is refused with 422 at 3 MiB copied, the object unchanged")
  func copyBombRefused() async throws {
    let cluster = try await TestCluster()
    let created = try await Self.createConfigMap(cluster, "copies")
    var operations: [JSONValue] = [
      ["op": "add", "path": "/metadata/annotations", "value": ["x": .string(String(repeating: "a", count: 100))]],
      ["op": "add", "path": "/spam", "value": [.string(String(repeating: "b", count: 100))]],
    ]
    // Each copy appends the list to itself: twice the size every time, 2^40 times 100 bytes at the end.
    for _ in 0..<40 { operations.append(["op": "copy", "from": "/spam", "path": "/spam/-"]) }
    let body = JSONValue.array(operations)
    #expect(body.serialized().count < 3000)
    let clock = ContinuousClock()
    let start = clock.now
    let (status, refusal) = try await cluster.call(
      "PATCH", Self.configMaps + "/copies", body: body, contentType: "application/json-patch+json")
    Self.report("JSON patch copy bomb (\(body.serialized().count) bytes)", status: status, elapsed: clock.now - start)
    #expect(status == 422)
    let message = refusal["message"]?.stringValue ?? ""
    #expect(message.contains("Unable to complete the copy, the accumulated size increase of copy is"), "\(message)")
    #expect(message.contains("exceeding the limit 3145728"), "\(message)")
    let (_, after) = try await cluster.call("GET", Self.configMaps + "/copies")
    #expect(after[path: ["metadata", "resourceVersion"]] == created[path: ["metadata", "resourceVersion"]])
    #expect(after["spam"] == nil)
  }

  @Test("a JSON patch with a few copies within the bound still applies")
  func smallCopiesApply() async throws {
    let cluster = try await TestCluster()
    _ = try await Self.createConfigMap(cluster, "few")
    let body: JSONValue = [
      ["op": "copy", "from": "/data/k", "path": "/data/k2"], ["op": "copy", "from": "/data/k", "path": "/data/k3"],
    ]
    let (status, patched) = try await cluster.call(
      "PATCH", Self.configMaps + "/few", body: body, contentType: "application/json-patch+json")
    #expect(status == 200)
    #expect(patched["data"] == ["k": "v", "k2": "v", "k3": "v"])
  }

  @Test("a JSON patch of more than 10,000 operations is refused with 413 as kube-apiserver words it")
  func tooManyOperations() async throws {
    let cluster = try await TestCluster()
    let created = try await Self.createConfigMap(cluster, "ops")
    let test: JSONValue = ["op": "test", "path": "/kind", "value": "ConfigMap"]
    let (status, refusal) = try await cluster.call(
      "PATCH", Self.configMaps + "/ops", body: .array(Array(repeating: test, count: 10_001)),
      contentType: "application/json-patch+json")
    #expect(status == 413)
    #expect(refusal["reason"] == "RequestEntityTooLarge")
    #expect(refusal["message"] == "The allowed maximum operations in a JSON patch is 10000, got 10001")
    let (_, after) = try await cluster.call("GET", Self.configMaps + "/ops")
    #expect(after[path: ["metadata", "resourceVersion"]] == created[path: ["metadata", "resourceVersion"]])
  }

  static let widgets = "/apis/example.com/v1/namespaces/default/widgets"

  /// A CRD whose spec keeps any field: nothing but the store's limit bounds its objects' size.
  static func installWidgets(_ cluster: TestCluster) async throws {
    let crd: JSONValue = [
      "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
      "metadata": ["name": "widgets.example.com"],
      "spec": [
        "group": "example.com", "scope": "Namespaced",
        "names": ["plural": "widgets", "singular": "widget", "kind": "Widget"],
        "versions": [
          [
            "name": "v1", "served": true, "storage": true,
            "schema": [
              "openAPIV3Schema": [
                "type": "object",
                "properties": ["spec": ["type": "object", "x-kubernetes-preserve-unknown-fields": true]],
              ]
            ],
          ]
        ],
      ],
    ]
    #expect(
      try await cluster.call("POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", body: crd).status == 201
    )
  }

  @Test("an object over 1.5 MiB stored is refused with 413 and etcd's words, naming it; the object unchanged")
  func storedObjectLimit() async throws {
    let cluster = try await TestCluster()
    try await Self.installWidgets(cluster)
    let megabyte = String(repeating: "m", count: 1 << 20)
    let widget: JSONValue = [
      "apiVersion": "example.com/v1", "kind": "Widget", "metadata": ["name": "w"], "spec": ["one": .string(megabyte)],
    ]
    let (createdStatus, created) = try await cluster.call("POST", Self.widgets, body: widget)
    #expect(createdStatus == 201)
    let (status, refusal) = try await cluster.call(
      "PATCH", Self.widgets + "/w", body: ["spec": ["two": .string(megabyte)]],
      contentType: "application/merge-patch+json")
    #expect(status == 413)
    #expect(refusal["reason"] == "RequestEntityTooLarge")
    let message = refusal["message"]?.stringValue ?? ""
    #expect(message.hasPrefix("etcdserver: request is too large"), "\(message)")
    #expect(message.contains(#"widgets.example.com "w" in namespace "default""#), "\(message)")
    #expect(message.contains("over the limit of 1572864"), "\(message)")
    let (_, after) = try await cluster.call("GET", Self.widgets + "/w")
    #expect(after[path: ["metadata", "resourceVersion"]] == created[path: ["metadata", "resourceVersion"]])
    #expect(after[path: ["spec", "two"]] == nil)

    var twice = widget
    twice.set("w2", at: ["metadata", "name"])
    twice.set(.string(megabyte), at: ["spec", "two"])
    #expect(try await cluster.call("POST", Self.widgets, body: twice).status == 413)
    #expect(try await cluster.call("GET", Self.widgets + "/w2").status == 404)
  }

  /// Appends a refusal's figures as a JSON line to `$AICONSOLE_RELIABILITY_REPORT` (for `make soak`).
  static func report(_ scenario: String, status: Int, elapsed: Duration) {
    guard let path = ProcessInfo.processInfo.environment["AICONSOLE_RELIABILITY_REPORT"] else { return }
    let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
    let figures: JSONValue = [
      "scenario": .string(scenario), "status": .int(Int64(status)),
      "refused_ms": .double((milliseconds * 10).rounded() / 10),
    ]
    if !FileManager.default.fileExists(atPath: path) { FileManager.default.createFile(atPath: path, contents: nil) }
    guard let handle = FileHandle(forWritingAtPath: path) else { return }
    handle.seekToEndOfFile()
    handle.write(Data((figures.jsonString + "\n").utf8))
    try? handle.close()
  }
}
