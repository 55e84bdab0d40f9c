import Foundation
import KubeCore
import Testing

@testable import EmbeddedCluster

@Suite("API server: namespaces terminate as kube-apiserver and its namespace controller do")
struct NamespaceLifecycleTests {
  static let namespaces = "/api/v1/namespaces"

  static func namespace(_ name: String) -> JSONValue {
    ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(name)]]
  }

  static func configMap(_ name: String) -> JSONValue {
    ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": .string(name)]]
  }

  @Test(
    "a namespace is created with the kubernetes finalizer; DELETE answers it Terminating (namespace-delete-200.json), and an empty one goes"
  )
  func deleteAnswersTerminating() async throws {
    let cluster = try await TestCluster()
    let created = try await cluster.call("POST", Self.namespaces, body: Self.namespace("refs-ns")).value
    #expect(created[path: ["spec", "finalizers"]] == ["kubernetes"])
    let answer = try await cluster.call("DELETE", "\(Self.namespaces)/refs-ns")
    #expect(answer.status == 200)
    let reference = try ReferenceAnswer.json("namespace-delete-200.json")
    for field in ["kind", "apiVersion", "spec", "status"] { #expect(answer.value[field] == reference[field]) }
    #expect(answer.value[path: ["metadata", "labels"]] == reference[path: ["metadata", "labels"]])
    #expect(answer.value[path: ["metadata", "deletionTimestamp"]] != nil)
    #expect(answer.value[path: ["metadata", "deletionGracePeriodSeconds"]] == nil)
    #expect(try await cluster.call("GET", "\(Self.namespaces)/refs-ns").status == 404)
  }

  @Test(
    "its contents are deleted; it stays Terminating while a finalizer holds one, refuses creates with NamespaceTerminating, and goes when the last one does"
  )
  func contentsAndRefusal() async throws {
    let cluster = try await TestCluster()
    _ = try await cluster.call("POST", Self.namespaces, body: Self.namespace("team"))
    let maps = "\(Self.namespaces)/team/configmaps"
    _ = try await cluster.call("POST", maps, body: Self.configMap("plain"))
    var held = TestCluster.aiCluster("held")
    held.set(["example.com/hold"], at: ["metadata", "finalizers"])
    let clusters = "/apis/ai.aiconsole.dev/v1/namespaces/team/aiclusters"
    #expect(try await cluster.call("POST", clusters, body: held).status == 201)
    #expect(try await cluster.call("DELETE", "\(Self.namespaces)/team").status == 200)
    #expect(try await cluster.call("GET", "\(maps)/plain").status == 404)
    #expect(try await cluster.call("GET", "\(clusters)/held").value[path: ["metadata", "deletionTimestamp"]] != nil)
    #expect(try await cluster.call("GET", "\(Self.namespaces)/team").value[path: ["status", "phase"]] == "Terminating")
    let refused = try await cluster.call("POST", maps, body: Self.configMap("late"))
    #expect(refused.status == 403)
    #expect(
      refused.value == [
        "kind": "Status", "apiVersion": "v1", "metadata": .emptyObject, "status": "Failure",
        "message":
          "configmaps \"late\" is forbidden: unable to create new content in namespace team because it is being terminated",
        "reason": "Forbidden",
        "details": [
          "name": "late", "kind": "configmaps",
          "causes": [
            [
              "reason": "NamespaceTerminating", "message": "namespace team is being terminated",
              "field": "metadata.namespace",
            ]
          ],
        ],
        "code": 403,
      ])
    _ = try await cluster.call(
      "PATCH", "\(clusters)/held", body: ["metadata": ["finalizers": .null]],
      contentType: "application/merge-patch+json")
    #expect(try await cluster.call("GET", "\(Self.namespaces)/team").status == 404)
  }

  @Test("PUT namespaces/NAME/finalize changes only spec.finalizers; a label update keeps them")
  func finalizeSubresource() async throws {
    let cluster = try await TestCluster()
    var namespace = try await cluster.call("POST", Self.namespaces, body: Self.namespace("fin")).value
    namespace.set(["example.com/x", "kubernetes"], at: ["spec", "finalizers"])
    namespace.set("yes", at: ["metadata", "labels", "team"])
    let updated = try await cluster.call("PUT", "\(Self.namespaces)/fin", body: namespace).value
    #expect(updated[path: ["spec", "finalizers"]] == ["kubernetes"])
    #expect(updated[path: ["metadata", "labels", "team"]] == "yes")
    let finalized = try await cluster.call("PUT", "\(Self.namespaces)/fin/finalize", body: namespace).value
    #expect(finalized[path: ["spec", "finalizers"]] == ["example.com/x", "kubernetes"])
  }

  @Test("a Lease into a missing namespace is 404 naming the namespace (lease-missing-namespace-404.json)")
  func missingNamespace() async throws {
    let cluster = try await TestCluster()
    let lease: JSONValue = [
      "apiVersion": "coordination.k8s.io/v1", "kind": "Lease", "metadata": ["name": "aiconsole-controller"],
      "spec": ["holderIdentity": "me"],
    ]
    let answer = try await cluster.call(
      "POST", "/apis/coordination.k8s.io/v1/namespaces/nowhere/leases", body: lease)
    var expected = try ReferenceAnswer.json("lease-missing-namespace-404.json")
    expected["message"] = "namespaces \"nowhere\" not found"
    expected.set("nowhere", at: ["details", "name"])
    #expect(answer.status == 404)
    #expect(answer.value == expected)
  }
}

extension NamespaceLifecycleTests {
  @Test("namespaces have no deletecollection (405) and list namespaces/finalize in discovery, as kube-apiserver")
  func noDeleteCollection() async throws {
    let cluster = try await TestCluster()
    #expect(try await cluster.call("DELETE", Self.namespaces).status == 405)
    #expect(try await cluster.call("GET", "\(Self.namespaces)/default").status == 200)
    let resources = try await cluster.call("GET", "/api/v1").value["resources"]?.arrayValue ?? []
    let namespaces = resources.first { $0["name"] == "namespaces" }
    #expect(namespaces?["verbs"]?.arrayValue?.contains("deletecollection") == false)
    #expect(resources.first { $0["name"] == "namespaces/finalize" }?["verbs"] == ["update"])
  }
}
