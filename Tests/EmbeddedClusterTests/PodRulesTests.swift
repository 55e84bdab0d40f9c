import Foundation
import KubeCore
import Testing

@testable import EmbeddedCluster

@Suite("API server: Pods defaulted, updated and statused as kube-apiserver keeps them")
struct PodRulesTests {
  static let pods = PodBindingTests.pods

  @Test("a created Pod carries the defaults of pod-after-binding.json (the service-account volume aside)")
  func createDefaults() async throws {
    let cluster = try await TestCluster()
    var pod = PodBindingTests.pod
    pod["status"] = ["phase": "Running"]
    let created = try await cluster.call("POST", Self.pods, body: pod)
    #expect(created.status == 201)
    let reference = try ReferenceAnswer.json("pod-after-binding.json")
    let spec = try #require(created.value["spec"])
    var expected = try #require(reference["spec"])
    expected["volumes"] = nil
    expected["nodeName"] = nil
    expected.updateEach("containers") { $0["volumeMounts"] = nil }
    #expect(spec == expected)
    #expect(created.value[path: ["status"]] == ["phase": "Pending", "qosClass": "BestEffort"])
    #expect(created.value[path: ["metadata", "generation"]] == 1)
  }

  @Test("QoS classes from requests and limits; pull policy from the tag")
  func qosAndPullPolicy() {
    func pod(_ resources: JSONValue...) -> JSONValue {
      var pod: JSONValue = ["spec": ["containers": .array(resources.map { ["name": "c", "resources": $0] })]]
      PodDefaults.apply(to: &pod)
      return pod
    }
    #expect(PodQOSClass.of(pod(.emptyObject)) == "BestEffort")
    #expect(PodQOSClass.of(pod(["limits": ["cpu": "1", "memory": "1Gi"]])) == "Guaranteed")
    #expect(
      PodQOSClass.of(
        pod(["requests": ["cpu": "1000m", "memory": "1Gi"], "limits": ["cpu": "1", "memory": "1024Mi"]]))
        == "Guaranteed")
    #expect(PodQOSClass.of(pod(["requests": ["cpu": "500m"]])) == "Burstable")
    #expect(PodQOSClass.of(pod(["limits": ["nvidia.com/gpu": "1"]])) == "BestEffort")
    #expect(PodQOSClass.of(pod(["limits": ["cpu": "1", "memory": "1Gi"]], .emptyObject)) == "Burstable")
    #expect(PodDefaults.pullsAlways("busybox"))
    #expect(PodDefaults.pullsAlways("registry:5000/busybox:latest"))
    #expect(PodDefaults.pullsAlways("registry:5000/busybox"))
    #expect(!PodDefaults.pullsAlways("registry:5000/busybox:1.36"))
    #expect(!PodDefaults.pullsAlways("vllm/vllm-openai:v0.6.0"))
    #expect(!PodDefaults.pullsAlways("busybox@sha256:abc"))
  }

  @Test("patching spec.nodeName is 422 Invalid, FieldValueForbidden on spec (pod-nodename-patch-422.json)")
  func nodeNamePatchIsForbidden() async throws {
    let cluster = try await TestCluster()
    _ = try await cluster.call("POST", Self.pods, body: PodBindingTests.pod)
    let answer = try await cluster.call(
      "PATCH", "\(Self.pods)/p1", body: ["spec": ["nodeName": "sim-node-1"]],
      contentType: "application/merge-patch+json")
    let reference = try ReferenceAnswer.json("pod-nodename-patch-422.json")
    #expect(answer.status == 422)
    #expect(ReferenceAnswer.shape(answer.value) == ReferenceAnswer.shape(reference))
    let message = answer.value[path: ["details", "causes"]]?.arrayValue?.first?["message"]?.stringValue ?? ""
    let expectedStart = reference[path: ["details", "causes"]]?.arrayValue?.first?["message"]?.stringValue?
      .split(separator: "\n").first.map(String.init)
    #expect(message.hasPrefix(expectedStart ?? "?"))
    #expect(message.contains("+ \"nodeName\": \"sim-node-1\""))
    #expect(
      answer.value["message"]?.stringValue?.hasPrefix("Pod \"p1\" is invalid: spec: Forbidden: pod updates") == true)
  }

  @Test("an update may change images, add tolerations and lower activeDeadlineSeconds, and nothing else")
  func allowedUpdates() async throws {
    let cluster = try await TestCluster()
    var pod = try await cluster.call("POST", Self.pods, body: PodBindingTests.pod).value
    pod["spec"]?.updateEach("containers") { $0["image"] = "busybox:1.36" }
    let tolerations = pod[path: ["spec", "tolerations"]]?.arrayValue ?? []
    pod["spec"]?["tolerations"] = .array(tolerations + [["key": "gpu", "operator": "Exists"]])
    pod["spec"]?["activeDeadlineSeconds"] = 600
    let updated = try await cluster.call("PUT", "\(Self.pods)/p1", body: pod)
    #expect(updated.status == 200)
    #expect(updated.value[path: ["metadata", "generation"]] == 2)
    pod = updated.value
    pod["spec"]?["activeDeadlineSeconds"] = 900
    #expect(try await cluster.call("PUT", "\(Self.pods)/p1", body: pod).status == 422)
    pod["spec"]?["activeDeadlineSeconds"] = 300
    pod["spec"]?["restartPolicy"] = "Never"
    let refused = try await cluster.call("PUT", "\(Self.pods)/p1", body: pod)
    #expect(refused.status == 422)
    #expect(refused.value[path: ["details", "causes"]]?.arrayValue?.first?["field"] == "spec")
  }

  @Test("a pods/status PUT changes only status and keeps the QoS class (pod-status-put-200.json)")
  func statusWrites() async throws {
    let cluster = try await TestCluster()
    _ = try await cluster.call("POST", Self.pods, body: PodBindingTests.pod)
    _ = try await cluster.call("POST", "\(Self.pods)/p1/binding", body: PodBindingTests.binding(to: "sim-node-1"))
    var pod = try await cluster.call("GET", "\(Self.pods)/p1").value
    let reference = try ReferenceAnswer.json("pod-status-put-200.json")
    var status = try #require(reference["status"])
    status["qosClass"] = nil
    status["conditions"] = .array((status["conditions"]?.arrayValue ?? []).filter { $0["type"] != "PodScheduled" })
    status.updateEach("containerStatuses") { $0["lastState"] = nil }
    status["conditions"] = .array(
      (pod[path: ["status", "conditions"]]?.arrayValue ?? []) + (status["conditions"]?.arrayValue ?? []))
    pod["status"] = status
    pod["spec"]?["restartPolicy"] = "Never"
    let answer = try await cluster.call("PUT", "\(Self.pods)/p1/status", body: pod)
    #expect(answer.status == 200)
    #expect(answer.value[path: ["spec", "restartPolicy"]] == "Always")
    var got = try #require(answer.value["status"])
    var want = try #require(reference["status"])
    got.updateEach("conditions") { $0["lastTransitionTime"] = nil }
    want.updateEach("conditions") { $0["lastTransitionTime"] = nil }
    #expect(got == want)
  }
}
