import Foundation
import KubeCore
import Testing

@testable import EmbeddedCluster

@Suite("API server: DELETE answered as kube-apiserver answers it")
struct DeletionTests {
  static let aiClusters = TestCluster.aiClusters

  static func cluster(_ name: String, finalizers: [String] = []) -> JSONValue {
    var object = TestCluster.aiCluster(name)
    if !finalizers.isEmpty { object.set(.array(finalizers.map { .string($0) }), at: ["metadata", "finalizers"]) }
    return object
  }

  /// The metadata fields a deletion sets, of an answer.
  static func deletionFields(_ object: JSONValue) -> JSONValue {
    let metadata = object["metadata"] ?? .emptyObject
    return [
      "kind": object["kind"] ?? .null, "finalizers": metadata["finalizers"] ?? .null,
      "generation": metadata["generation"] ?? .null,
      "deletionGracePeriodSeconds": metadata["deletionGracePeriodSeconds"] ?? .null,
      "hasDeletionTimestamp": .bool(metadata["deletionTimestamp"] != nil),
    ]
  }

  @Test("an object that goes at once is answered with a success Status naming it (delete-cr-200.json)")
  func plainDelete() async throws {
    let cluster = try await TestCluster()
    let created = try await cluster.call("POST", Self.aiClusters, body: Self.cluster("del-plain")).value
    let answer = try await cluster.call("DELETE", "\(Self.aiClusters)/del-plain")
    #expect(answer.status == 200)
    var expected = try ReferenceAnswer.json("delete-cr-200.json")
    expected.set(created[path: ["metadata", "uid"]], at: ["details", "uid"])
    #expect(answer.value == expected)
    #expect(try await cluster.call("GET", "\(Self.aiClusters)/del-plain").status == 404)
  }

  @Test(
    "a finalizer holds it: 200 with the marked object, generation bumped, a second DELETE the same (delete-cr-finalizer-200.json)"
  )
  func finalizerDelete() async throws {
    let cluster = try await TestCluster()
    _ = try await cluster.call("POST", Self.aiClusters, body: Self.cluster("del-fin", finalizers: ["example.com/hold"]))
    let first = try await cluster.call("DELETE", "\(Self.aiClusters)/del-fin")
    #expect(first.status == 200)
    #expect(
      Self.deletionFields(first.value) == Self.deletionFields(try ReferenceAnswer.json("delete-cr-finalizer-200.json")))
    let second = try await cluster.call("DELETE", "\(Self.aiClusters)/del-fin")
    #expect(second.status == 200)
    #expect(second.value == first.value)
    #expect(try await cluster.call("GET", "\(Self.aiClusters)/del-fin").value == first.value)
    let removed = try await cluster.call(
      "PATCH", "\(Self.aiClusters)/del-fin", body: ["metadata": ["finalizers": .null]],
      contentType: "application/merge-patch+json")
    #expect(removed.status == 200)
    let reference = try ReferenceAnswer.json("finalizer-removed-patch-200.json")
    #expect(removed.value[path: ["metadata", "finalizers"]] == reference[path: ["metadata", "finalizers"]])
    #expect(removed.value[path: ["metadata", "deletionTimestamp"]] != nil)
    #expect(try await cluster.call("GET", "\(Self.aiClusters)/del-fin").status == 404)
  }

  @Test("Foreground: 200 with the object, foregroundDeletion added and generation bumped (delete-foreground-200.json)")
  func foregroundDelete() async throws {
    let cluster = try await TestCluster()
    _ = try await cluster.call("POST", Self.aiClusters, body: Self.cluster("del-fg"))
    let answer = try await cluster.call(
      "DELETE", "\(Self.aiClusters)/del-fg", body: ["propagationPolicy": "Foreground"])
    #expect(answer.status == 200)
    #expect(
      Self.deletionFields(answer.value) == Self.deletionFields(try ReferenceAnswer.json("delete-foreground-200.json")))
  }

  @Test("a core object deleted at once names no group; a missing one is 404")
  func coreDelete() async throws {
    let cluster = try await TestCluster()
    let path = "/api/v1/namespaces/default/configmaps"
    _ = try await cluster.call(
      "POST", path, body: ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "c"]])
    let answer = try await cluster.call("DELETE", "\(path)/c")
    #expect(answer.value["status"] == "Success")
    #expect(answer.value[path: ["details", "group"]] == nil)
    #expect(answer.value[path: ["details", "kind"]] == "configmaps")
    #expect(try await cluster.call("DELETE", "\(path)/c").status == 404)
  }
}
