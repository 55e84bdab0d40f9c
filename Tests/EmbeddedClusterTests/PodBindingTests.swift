import Foundation
import KubeCore
import Testing

@testable import EmbeddedCluster

@Suite("API server: pods/binding as kube-apiserver answers it")
struct PodBindingTests {
  static let pods = "/api/v1/namespaces/default/pods"

  static let pod: JSONValue = [
    "apiVersion": "v1", "kind": "Pod", "metadata": ["name": "p1", "labels": ["app": "p1"]],
    "spec": ["containers": [["name": "c", "image": "busybox", "command": ["sleep", "3600"]]]],
  ]

  static func binding(to node: String) -> JSONValue {
    [
      "apiVersion": "v1", "kind": "Binding", "metadata": ["name": "p1"],
      "target": ["apiVersion": "v1", "kind": "Node", "name": .string(node)],
    ]
  }

  @Test(
    "a binding answers 201 with a success Status (pod-binding-201.json) and binds the pod as pod-after-binding.json")
  func bindingAnswersAndBinds() async throws {
    let cluster = try await TestCluster()
    #expect(try await cluster.call("POST", Self.pods, body: Self.pod).status == 201)
    let answer = try await cluster.call("POST", "\(Self.pods)/p1/binding", body: Self.binding(to: "sim-node-1"))
    #expect(answer.status == 201)
    #expect(answer.value == (try ReferenceAnswer.json("pod-binding-201.json")))
    let pod = try await cluster.call("GET", "\(Self.pods)/p1").value
    let reference = try ReferenceAnswer.json("pod-after-binding.json")
    #expect(pod[path: ["spec", "nodeName"]] == reference[path: ["spec", "nodeName"]])
    #expect(pod[path: ["status", "phase"]] == reference[path: ["status", "phase"]])
    #expect(pod[path: ["status", "qosClass"]] == reference[path: ["status", "qosClass"]])
    var condition = pod[path: ["status", "conditions"]]?.arrayValue?.first
    var expected = reference[path: ["status", "conditions"]]?.arrayValue?.first
    #expect(condition?["lastTransitionTime"]?.stringValue != nil)
    condition?["lastTransitionTime"] = nil
    expected?["lastTransitionTime"] = nil
    #expect(condition == expected)
    #expect(pod[path: ["metadata", "generation"]] == reference[path: ["metadata", "generation"]])
  }

  @Test("binding a bound pod is 409 Conflict on pods/binding (pod-binding-conflict-409.json)")
  func bindingTwiceConflicts() async throws {
    let cluster = try await TestCluster()
    _ = try await cluster.call("POST", Self.pods, body: Self.pod)
    _ = try await cluster.call("POST", "\(Self.pods)/p1/binding", body: Self.binding(to: "sim-node-1"))
    let again = try await cluster.call("POST", "\(Self.pods)/p1/binding", body: Self.binding(to: "sim-node-2"))
    #expect(again.status == 409)
    #expect(again.value == (try ReferenceAnswer.json("pod-binding-conflict-409.json")))
  }

  @Test(
    "a binding without a target node is Invalid; one for a missing pod is NotFound, one named unlike its URL BadRequest"
  )
  func badBindings() async throws {
    let cluster = try await TestCluster()
    _ = try await cluster.call("POST", Self.pods, body: Self.pod)
    var empty = Self.binding(to: "")
    empty["target"]?["name"] = nil
    let invalid = try await cluster.call("POST", "\(Self.pods)/p1/binding", body: empty)
    #expect(invalid.status == 422)
    #expect(invalid.value[path: ["details", "causes"]]?.arrayValue?.first?["field"] == "target.name")
    var other = Self.binding(to: "n")
    other["metadata"] = ["name": "p2"]
    #expect(try await cluster.call("POST", "\(Self.pods)/p2/binding", body: other).status == 404)
    #expect(try await cluster.call("POST", "\(Self.pods)/p3/binding", body: other).status == 400)
  }

  @Test("discovery lists pods/binding with the create verb, as kube-apiserver does")
  func discoveryListsBinding() async throws {
    let cluster = try await TestCluster()
    let resources = try await cluster.call("GET", "/api/v1").value["resources"]?.arrayValue ?? []
    let binding = resources.first { $0["name"] == "pods/binding" }
    #expect(binding?["kind"] == "Binding")
    #expect(binding?["verbs"] == ["create"])
  }
}
