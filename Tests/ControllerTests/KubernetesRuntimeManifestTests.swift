import AIResources
import KubeCore
import Testing

@testable import Controller

/// The Deployment the kubernetes runtime makes for one AICluster revision.
@Suite struct KubernetesRuntimeManifestTests {
  static func cluster() throws -> AICluster {
    let object: JSONValue = [
      "apiVersion": "ai.aiconsole.dev/v1", "kind": "AICluster",
      "metadata": ["name": "chat", "namespace": "ml", "uid": "uid-1"],
      "spec": ["modelName": "llama-3-8b", "replicas": 3],
    ]
    return try object.decode(as: AICluster.self)
  }

  static func deployment(_ template: InstanceTemplate, replicas: Int = 3) throws -> JSONValue {
    KubernetesRuntime.deployment(for: try cluster(), revision: "abc12", template: template, replicas: replicas)
  }

  static func container(_ deployment: JSONValue) -> JSONValue? {
    deployment[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first
  }

  @Test("is named <cluster>-<revision>, owned by the AICluster, and selects only that revision")
  func identity() throws {
    let deployment = try Self.deployment(InstanceTemplate(modelName: "llama-3-8b"))
    #expect(deployment["apiVersion"] == "apps/v1")
    #expect(deployment["kind"] == "Deployment")
    #expect(deployment[path: ["metadata", "name"]] == "chat-abc12")
    #expect(deployment[path: ["metadata", "namespace"]] == "ml")
    let expected: JSONValue = ["ai.aiconsole.dev/cluster": "chat", "ai.aiconsole.dev/revision": "abc12"]
    #expect(deployment[path: ["spec", "selector"]] == ["matchLabels": expected])
    for labels in [
      deployment[path: ["metadata", "labels"]], deployment[path: ["spec", "template", "metadata", "labels"]],
    ] {
      #expect(labels?["ai.aiconsole.dev/cluster"] == "chat")
      #expect(labels?["ai.aiconsole.dev/revision"] == "abc12")
    }
    let owner = try #require(deployment[path: ["metadata", "ownerReferences"]]?.arrayValue?.first)
    #expect(owner["kind"] == "AICluster")
    #expect(owner["name"] == "chat")
    #expect(owner["uid"] == "uid-1")
    #expect(owner["controller"] == true)
    #expect(deployment[path: ["spec", "replicas"]] == 3)
    #expect(deployment[path: ["spec", "strategy", "type"]] == "RollingUpdate")
  }

  @Test("runs the model server on a named port with vLLM's health check")
  func container() throws {
    let template = InstanceTemplate(modelName: "llama-3-8b", image: "registry.local/vllm:1", port: 9000)
    let container = try #require(Self.container(try Self.deployment(template)))
    #expect(container["name"] == "model")
    #expect(container["image"] == "registry.local/vllm:1")
    #expect(container["args"] == ["--model", "llama-3-8b", "--port", "9000"])
    #expect(container["ports"] == [["name": "http", "containerPort": 9000, "protocol": "TCP"]])
    #expect(container[path: ["readinessProbe", "httpGet"]] == ["path": "/health", "port": "http"])
  }

  @Test("uses the default image when the template names none")
  func defaultImage() throws {
    let container = Self.container(try Self.deployment(InstanceTemplate(modelName: "llama-3-8b")))
    #expect(container?["image"] == .string(InstanceTemplate.defaultImage))
  }

  @Test("asks for GPUs in requests and limits alike, and for CPU and memory as requests")
  func gpus() throws {
    let template = InstanceTemplate(
      modelName: "llama-3-8b", resources: ResourceRequests(cpu: "4", memory: "32Gi", gpu: 2))
    let resources = Self.container(try Self.deployment(template))?["resources"]
    #expect(resources?["requests"] == ["cpu": "4", "memory": "32Gi", "nvidia.com/gpu": "2"])
    #expect(resources?["limits"] == ["nvidia.com/gpu": "2"])
  }

  @Test("asks for no GPU when the template needs none", arguments: [nil, 0])
  func noGPUs(gpu: Int?) throws {
    let template = InstanceTemplate(modelName: "llama-3-8b", resources: ResourceRequests(cpu: "1", gpu: gpu))
    let resources = Self.container(try Self.deployment(template))?["resources"]
    #expect(resources?["requests"] == ["cpu": "1"])
    #expect(resources?["limits"] == nil)
  }
}
