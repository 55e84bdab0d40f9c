import Foundation
import KubeCore
import Testing

@testable import EmbeddedCluster

@Suite("API server: the built-in deployments resource")
struct DeploymentResourceTests {
  static let deployments = "/apis/apps/v1/namespaces/default/deployments"
  static let table = "application/json;as=Table;v=v1;g=meta.k8s.io"
  static let mergePatch = "application/merge-patch+json"

  /// A Deployment as the controller's Kubernetes runtime builds one.
  static func deployment(_ name: String, replicas: Int64? = 3) -> JSONValue {
    var deployment: JSONValue = [
      "apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": .string(name)],
      "spec": [
        "selector": [
          "matchLabels": ["app": "web"],
          "matchExpressions": [["key": "tier", "operator": "In", "values": ["web", "api"]]],
        ],
        "template": [
          "metadata": ["labels": ["app": "web", "tier": "api"]],
          "spec": [
            "containers": [
              ["name": "model", "image": "vllm/vllm-openai:v0.6.0"], ["name": "proxy", "image": "envoy:1"],
            ]
          ],
        ],
      ],
      "status": ["replicas": 99],
    ]
    if let replicas { deployment.set(.int(replicas), at: ["spec", "replicas"]) }
    return deployment
  }

  static func create(_ cluster: TestCluster, _ deployment: JSONValue) async throws -> JSONValue {
    let (status, created) = try await cluster.call("POST", deployments, body: deployment)
    #expect(status == 201)
    return created
  }

  @Test("discovery matches a real server: short name deploy, category all, status and scale subresources")
  func discovery() async throws {
    let cluster = try await TestCluster()
    let (_, list) = try await cluster.call("GET", "/apis/apps/v1")
    let resources = list["resources"]?.arrayValue ?? []
    let deployments = try #require(resources.first { $0["name"] == "deployments" })
    #expect(deployments["kind"] == "Deployment" && deployments["singularName"] == "deployment")
    #expect(deployments["namespaced"] == true)
    #expect(deployments["shortNames"] == ["deploy"] && deployments["categories"] == ["all"])
    #expect(resources.contains { $0["name"] == "deployments/status" && $0["kind"] == "Deployment" })
    let scale = try #require(resources.first { $0["name"] == "deployments/scale" })
    #expect(scale["group"] == "autoscaling" && scale["version"] == "v1" && scale["kind"] == "Scale")
    #expect(scale["verbs"] == ["get", "patch", "update"])
  }

  @Test("create drops the client's status and fills in the server's defaults")
  func createDefaults() async throws {
    let cluster = try await TestCluster()
    let created = try await Self.create(cluster, Self.deployment("web", replicas: nil))
    #expect(created["status"] == nil)
    #expect(created[path: ["spec", "replicas"]] == 1)
    #expect(
      created[path: ["spec", "strategy"]] == [
        "type": "RollingUpdate", "rollingUpdate": ["maxUnavailable": "25%", "maxSurge": "25%"],
      ])
    #expect(created[path: ["spec", "revisionHistoryLimit"]] == 10)
    #expect(created[path: ["spec", "progressDeadlineSeconds"]] == 600)
  }

  @Test("the scale subresource reports the selector as text and scaling changes spec.replicas")
  func scale() async throws {
    let cluster = try await TestCluster()
    _ = try await Self.create(cluster, Self.deployment("web"))
    let (read, scale) = try await cluster.call("GET", Self.deployments + "/web/scale")
    #expect(read == 200)
    #expect(scale["kind"] == "Scale" && scale["apiVersion"] == "autoscaling/v1")
    #expect(scale[path: ["spec", "replicas"]] == 3 && scale[path: ["status", "replicas"]] == 0)
    #expect(scale[path: ["status", "selector"]] == "app=web,tier in (api,web)")
    let (patched, answer) = try await cluster.call(
      "PATCH", Self.deployments + "/web/scale", body: ["spec": ["replicas": 5]], contentType: Self.mergePatch)
    #expect(patched == 200 && answer[path: ["spec", "replicas"]] == 5)
    let (_, deployment) = try await cluster.call("GET", Self.deployments + "/web")
    #expect(deployment[path: ["spec", "replicas"]] == 5)
    #expect(deployment[path: ["metadata", "generation"]] == 2)
    var stale = scale
    stale.set(["replicas": 1], at: ["spec"])
    #expect(try await cluster.call("PUT", Self.deployments + "/web/scale", body: stale).status == 409)
  }

  @Test("kubectl's columns: ready over desired, up-to-date, available, and wide containers, images, selector")
  func tableColumns() async throws {
    let cluster = try await TestCluster()
    _ = try await Self.create(cluster, Self.deployment("web"))
    let status: JSONValue = [
      "status": ["replicas": 3, "readyReplicas": 2, "updatedReplicas": 3, "availableReplicas": 1]
    ]
    let (written, _) = try await cluster.call(
      "PATCH", Self.deployments + "/web/status", body: status, contentType: Self.mergePatch)
    #expect(written == 200)
    let (_, table) = try await cluster.call("GET", Self.deployments, accept: Self.table)
    let names = table["columnDefinitions"]?.arrayValue?.compactMap { $0["name"]?.stringValue }
    #expect(names == ["Name", "Ready", "Up-to-date", "Available", "Age", "Containers", "Images", "Selector"])
    var cells = try #require(table["rows"]?.arrayValue?.first?["cells"]?.arrayValue)
    cells.remove(at: 4)
    #expect(
      cells == ["web", "2/3", 3, 1, "model,proxy", "vllm/vllm-openai:v0.6.0,envoy:1", "app=web,tier in (api,web)"])
    let (_, scale) = try await cluster.call("GET", Self.deployments + "/web/scale")
    #expect(scale[path: ["status", "replicas"]] == 3)
  }

  @Test("a Deployment without a status reads 0 ready of its desired replicas")
  func noStatusYet() async throws {
    let cluster = try await TestCluster()
    _ = try await Self.create(cluster, Self.deployment("fresh", replicas: 2))
    let (_, table) = try await cluster.call("GET", Self.deployments + "/fresh", accept: Self.table)
    let cells = try #require(table["rows"]?.arrayValue?.first?["cells"]?.arrayValue)
    #expect(Array(cells.prefix(4)) == ["fresh", "0/2", 0, 0])
  }

  @Test(
    "a Deployment the real server would refuse is refused, naming the field",
    arguments: [
      (["spec", "selector"], nil, "spec.selector"),
      (["spec", "selector"], ["matchLabels": [:]] as JSONValue, "spec.selector"),
      (["spec", "template", "metadata", "labels"], ["app": "other"] as JSONValue, "spec.template.metadata.labels"),
      (["spec", "template", "spec", "containers"], [] as JSONValue, "spec.template.spec.containers"),
      (["spec", "replicas"], -1 as JSONValue, "spec.replicas"),
    ] as [([String], JSONValue?, String)])
  func invalid(path: [String], value: JSONValue?, field: String) async throws {
    let cluster = try await TestCluster()
    var deployment = Self.deployment("bad")
    deployment.set(value, at: path)
    let (status, error) = try await cluster.call("POST", Self.deployments, body: deployment)
    #expect(status == 422)
    #expect(error[path: ["details", "causes"]]?.arrayValue?.compactMap { $0["field"]?.stringValue } == [field])
  }

  @Test("the selector cannot change after create")
  func selectorImmutable() async throws {
    let cluster = try await TestCluster()
    _ = try await Self.create(cluster, Self.deployment("web"))
    let patch: JSONValue = ["spec": ["selector": ["matchExpressions": .null]]]
    let (status, error) = try await cluster.call(
      "PATCH", Self.deployments + "/web", body: patch, contentType: Self.mergePatch)
    #expect(status == 422)
    #expect(error["message"]?.stringValue?.contains("field is immutable") == true)
  }
}
