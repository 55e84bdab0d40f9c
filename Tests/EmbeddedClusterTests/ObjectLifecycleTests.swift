import Foundation
import KubeCore
import Testing

@testable import EmbeddedCluster

@Suite("API server: object lifecycle")
struct ObjectLifecycleTests {
  @Test("create fills uid, creationTimestamp, generation and resourceVersion; a second create is AlreadyExists")
  func create() async throws {
    let cluster = try await TestCluster()
    let (status, created) = try await cluster.call("POST", TestCluster.aiClusters, body: TestCluster.aiCluster("a"))
    #expect(status == 201)
    #expect(created[path: ["metadata", "uid"]]?.stringValue?.count == 36)
    #expect(created[path: ["metadata", "generation"]] == 1)
    #expect(created[path: ["metadata", "creationTimestamp"]]?.stringValue?.hasSuffix("Z") == true)
    #expect(Int(created[path: ["metadata", "resourceVersion"]]?.stringValue ?? "") ?? 0 > 0)
    let (again, error) = try await cluster.call("POST", TestCluster.aiClusters, body: TestCluster.aiCluster("a"))
    #expect(again == 409)
    #expect(error["reason"] == "AlreadyExists")
    #expect(error["message"] == "aiclusters.ai.aiconsole.dev \"a\" already exists")
  }

  @Test("a Secret's type defaults to Opaque and stringData is stored in data as base64, on create and update")
  func secretStringData() async throws {
    let cluster = try await TestCluster()
    let secrets = "/api/v1/namespaces/default/secrets"
    let secret: JSONValue = [
      "apiVersion": "v1", "kind": "Secret", "metadata": ["name": "keys"],
      "data": ["a": "eA=="], "stringData": ["b": "s3cret"],
    ]
    let (status, created) = try await cluster.call("POST", secrets, body: secret)
    #expect(status == 201)
    #expect(created["type"] == "Opaque")
    #expect(created["data"] == ["a": "eA==", "b": "czNjcmV0"])
    #expect(created["stringData"] == nil)
    let (patched, updated) = try await cluster.call(
      "PATCH", secrets + "/keys", body: ["stringData": ["a": "y"]], contentType: "application/merge-patch+json")
    #expect(patched == 200)
    #expect(updated["data"] == ["a": "eQ==", "b": "czNjcmV0"])
  }

  @Test("a ConfigMap, like kube-apiserver's, carries no generation on create or after a data change")
  func configMapHasNoGeneration() async throws {
    let cluster = try await TestCluster()
    let configMaps = "/api/v1/namespaces/default/configmaps"
    let configMap: JSONValue = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "c"], "data": ["a": "1"]]
    let (status, created) = try await cluster.call("POST", configMaps, body: configMap)
    #expect(status == 201)
    #expect(created[path: ["metadata", "generation"]] == nil)
    let (patched, updated) = try await cluster.call(
      "PATCH", configMaps + "/c", body: ["data": ["a": "2"]], contentType: "application/merge-patch+json")
    #expect(patched == 200)
    #expect(updated[path: ["data", "a"]] == "2")
    #expect(updated[path: ["metadata", "generation"]] == nil)
  }

  @Test("generateName makes a fresh name")
  func generateName() async throws {
    let cluster = try await TestCluster()
    var object = TestCluster.aiCluster("")
    object.set(nil, at: ["metadata", "name"])
    object.set("gen-", at: ["metadata", "generateName"])
    let (status, created) = try await cluster.call("POST", TestCluster.aiClusters, body: object)
    #expect(status == 201)
    let name = created[path: ["metadata", "name"]]?.stringValue ?? ""
    #expect(name.hasPrefix("gen-") && name.count == 9)
  }

  @Test("generation moves on spec changes only; the status subresource changes only status")
  func generation() async throws {
    let cluster = try await TestCluster()
    _ = try await cluster.call("POST", TestCluster.aiClusters, body: TestCluster.aiCluster("g"))
    let merge = "application/merge-patch+json"
    let (_, labelled) = try await cluster.call(
      "PATCH", TestCluster.aiClusters + "/g", body: ["metadata": ["labels": ["x": "y"]]], contentType: merge)
    #expect(labelled[path: ["metadata", "generation"]] == 1)
    let (_, scaled) = try await cluster.call(
      "PATCH", TestCluster.aiClusters + "/g", body: ["spec": ["replicas": 4]], contentType: merge)
    #expect(scaled[path: ["metadata", "generation"]] == 2)
    let (_, ignored) = try await cluster.call(
      "PATCH", TestCluster.aiClusters + "/g", body: ["status": ["replicas": 9]], contentType: merge)
    #expect(ignored["status"]?["replicas"] == nil)
    let (_, withStatus) = try await cluster.call(
      "PATCH", TestCluster.aiClusters + "/g/status", body: ["status": ["replicas": 4], "spec": ["replicas": 100]],
      contentType: merge)
    #expect(withStatus[path: ["status", "replicas"]] == 4)
    #expect(withStatus[path: ["spec", "replicas"]] == 4)
    #expect(withStatus[path: ["metadata", "generation"]] == 2)
  }

  @Test("an update with a stale resourceVersion is a Conflict and changes nothing")
  func conflict() async throws {
    let cluster = try await TestCluster()
    let (_, created) = try await cluster.call("POST", TestCluster.aiClusters, body: TestCluster.aiCluster("c"))
    var first = created
    first.set(2, at: ["spec", "replicas"])
    let (ok, _) = try await cluster.call("PUT", TestCluster.aiClusters + "/c", body: first)
    #expect(ok == 200)
    var stale = created
    stale.set(7, at: ["spec", "replicas"])
    let (status, error) = try await cluster.call("PUT", TestCluster.aiClusters + "/c", body: stale)
    #expect(status == 409)
    #expect(error["reason"] == "Conflict")
    #expect(error["message"]?.stringValue?.contains("the object has been modified") == true)
    let (_, current) = try await cluster.call("GET", TestCluster.aiClusters + "/c")
    #expect(current[path: ["spec", "replicas"]] == 2)
  }

  @Test("a finalizer holds a delete until it is removed")
  func finalizers() async throws {
    let cluster = try await TestCluster()
    var object = TestCluster.aiCluster("f")
    object.set(["example.com/hold"], at: ["metadata", "finalizers"])
    _ = try await cluster.call("POST", TestCluster.aiClusters, body: object)
    let (status, deleting) = try await cluster.call("DELETE", TestCluster.aiClusters + "/f")
    #expect(status == 200)
    #expect(deleting[path: ["metadata", "deletionTimestamp"]] != nil)
    #expect(try await cluster.call("GET", TestCluster.aiClusters + "/f").status == 200)
    _ = try await cluster.call(
      "PATCH", TestCluster.aiClusters + "/f", body: ["metadata": ["finalizers": nil]],
      contentType: "application/merge-patch+json")
    #expect(try await cluster.call("GET", TestCluster.aiClusters + "/f").status == 404)
  }

  @Test("deleting an owner deletes its dependents in the background; Orphan keeps them without the reference")
  func garbageCollection() async throws {
    let cluster = try await TestCluster()
    let background = try await ownerWithPods(cluster, owner: "owner-a", pods: ["a1", "a2"])
    _ = background
    _ = try await cluster.call("DELETE", TestCluster.aiClusters + "/owner-a")
    #expect(try await cluster.call("GET", "/api/v1/namespaces/default/pods/a1").status == 404)
    #expect(try await cluster.call("GET", "/api/v1/namespaces/default/pods/a2").status == 404)
    _ = try await ownerWithPods(cluster, owner: "owner-b", pods: ["b1"])
    _ = try await cluster.call("DELETE", TestCluster.aiClusters + "/owner-b", query: ["propagationPolicy": "Orphan"])
    let (status, orphan) = try await cluster.call("GET", "/api/v1/namespaces/default/pods/b1")
    #expect(status == 200)
    #expect(orphan[path: ["metadata", "ownerReferences"]]?.arrayValue?.isEmpty ?? true)
  }

  @Test("Foreground deletion keeps the owner until its dependents are gone")
  func foreground() async throws {
    let cluster = try await TestCluster()
    _ = try await ownerWithPods(cluster, owner: "owner-f", pods: ["f1"], podFinalizer: "example.com/hold")
    let (_, deleting) = try await cluster.call(
      "DELETE", TestCluster.aiClusters + "/owner-f", query: ["propagationPolicy": "Foreground"])
    #expect(deleting[path: ["metadata", "finalizers"]] == ["foregroundDeletion"])
    #expect(try await cluster.call("GET", TestCluster.aiClusters + "/owner-f").status == 200)
    _ = try await cluster.call(
      "PATCH", "/api/v1/namespaces/default/pods/f1", body: ["metadata": ["finalizers": nil]],
      contentType: "application/merge-patch+json")
    #expect(try await cluster.call("GET", "/api/v1/namespaces/default/pods/f1").status == 404)
    #expect(try await cluster.call("GET", TestCluster.aiClusters + "/owner-f").status == 404)
  }

  private func ownerWithPods(_ cluster: TestCluster, owner: String, pods: [String], podFinalizer: String? = nil)
    async throws -> JSONValue
  {
    let (_, created) = try await cluster.call("POST", TestCluster.aiClusters, body: TestCluster.aiCluster(owner))
    let reference: JSONValue = [
      "apiVersion": "ai.aiconsole.dev/v1", "kind": "AICluster", "name": .string(owner),
      "uid": created[path: ["metadata", "uid"]]!, "controller": true,
    ]
    for name in pods {
      var pod: JSONValue = [
        "apiVersion": "v1", "kind": "Pod", "metadata": ["name": .string(name), "ownerReferences": [reference]],
        "spec": ["containers": [["name": "c", "image": "x"]]],
      ]
      if let podFinalizer { pod.set([.string(podFinalizer)], at: ["metadata", "finalizers"]) }
      #expect(try await cluster.call("POST", "/api/v1/namespaces/default/pods", body: pod).status == 201)
    }
    return created
  }

  @Test("creating in a missing namespace is NotFound")
  func missingNamespace() async throws {
    let cluster = try await TestCluster()
    let (status, error) = try await cluster.call(
      "POST", "/apis/ai.aiconsole.dev/v1/namespaces/nowhere/aiclusters", body: TestCluster.aiCluster("x"))
    #expect(status == 404)
    #expect(error["message"] == "namespaces \"nowhere\" not found")
  }
}
