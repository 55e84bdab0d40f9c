import Foundation
import KubeCore
import Testing

@testable import EmbeddedCluster

@Suite("API server: the built-in nodes resource")
struct NodeResourceTests {
  static let nodes = "/api/v1/nodes"
  static let table = "application/json;as=Table;v=v1;g=meta.k8s.io"

  /// A simulated GPU node as the fleet registers it.
  static func node(
    _ name: String, ready: String? = "True", unschedulable: Bool = false, labels: JSONValue = .emptyObject
  ) -> JSONValue {
    var node: JSONValue = [
      "apiVersion": "v1", "kind": "Node", "metadata": ["name": .string(name), "labels": labels],
      "spec": ["unschedulable": .bool(unschedulable)],
      "status": [
        "capacity": ["cpu": "64", "memory": "512Gi", "nvidia.com/gpu": "8"],
        "allocatable": ["cpu": "63", "memory": "500Gi", "nvidia.com/gpu": "8"],
        "addresses": [["type": "InternalIP", "address": "10.0.0.7"]],
        "nodeInfo": ["kubeletVersion": "v1.36.2", "osImage": "Simulated GPU host"],
      ],
    ]
    if let ready { node.set([["type": "Ready", "status": .string(ready)]], at: ["status", "conditions"]) }
    return node
  }

  @Test("discovery lists nodes as cluster-scoped, short name no, with a status subresource")
  func discovery() async throws {
    let cluster = try await TestCluster()
    let (_, list) = try await cluster.call("GET", "/api/v1")
    let resources = list["resources"]?.arrayValue ?? []
    let nodes = try #require(resources.first { $0["name"] == "nodes" })
    #expect(nodes["kind"] == "Node" && nodes["singularName"] == "node" && nodes["namespaced"] == false)
    #expect(nodes["shortNames"] == ["no"])
    #expect(nodes["verbs"] == ["delete", "deletecollection", "get", "list", "patch", "create", "update", "watch"])
    #expect(resources.contains { $0["name"] == "nodes/status" && $0["kind"] == "Node" })
  }

  @Test("kubectl's columns: status from the Ready condition and cordoning, roles from labels, kubelet version")
  func tableColumns() async throws {
    let cluster = try await TestCluster()
    let nodes: [JSONValue] = [
      Self.node("gpu-a", labels: ["node-role.kubernetes.io/gpu": "", "node-role.kubernetes.io/worker": ""]),
      Self.node("gpu-b", ready: "False", unschedulable: true, labels: ["kubernetes.io/role": "inference"]),
      Self.node("gpu-c", ready: nil),
    ]
    for node in nodes { #expect(try await cluster.call("POST", Self.nodes, body: node).status == 201) }
    let (status, table) = try await cluster.call("GET", Self.nodes, accept: Self.table)
    #expect(status == 200)
    let names = table["columnDefinitions"]?.arrayValue?.compactMap { $0["name"]?.stringValue }
    #expect(
      names == [
        "Name", "Status", "Roles", "Age", "Version", "Internal-IP", "External-IP", "OS-Image", "Kernel-Version",
        "Container-Runtime",
      ])
    let rows = (table["rows"]?.arrayValue ?? []).map { row in
      (row["cells"]?.arrayValue ?? []).enumerated().filter { $0.offset != 3 }.map(\.element)
    }
    #expect(
      rows == [
        [
          "gpu-a", "Ready", "gpu,worker", "v1.36.2", "10.0.0.7", "<none>", "Simulated GPU host", "<unknown>",
          "<unknown>",
        ],
        [
          "gpu-b", "NotReady,SchedulingDisabled", "inference", "v1.36.2", "10.0.0.7", "<none>", "Simulated GPU host",
          "<unknown>", "<unknown>",
        ],
        [
          "gpu-c", "Unknown", "<none>", "v1.36.2", "10.0.0.7", "<none>", "Simulated GPU host", "<unknown>", "<unknown>",
        ],
      ])
  }

  @Test("a node keeps the status it registers with, and the status subresource writes only status")
  func statusSubresource() async throws {
    let cluster = try await TestCluster()
    let (created, node) = try await cluster.call("POST", Self.nodes, body: Self.node("gpu-a"))
    #expect(created == 201)
    #expect(node[path: ["status", "allocatable", "nvidia.com/gpu"]] == "8")
    let patch: JSONValue = [
      "spec": ["unschedulable": true], "status": ["allocatable": ["nvidia.com/gpu": "6"]],
    ]
    let (patched, answer) = try await cluster.call(
      "PATCH", Self.nodes + "/gpu-a/status", body: patch, contentType: "application/merge-patch+json")
    #expect(patched == 200)
    #expect(answer[path: ["status", "allocatable", "nvidia.com/gpu"]] == "6")
    #expect(answer[path: ["spec", "unschedulable"]] == false)
    #expect(answer[path: ["status", "capacity", "nvidia.com/gpu"]] == "8")
  }
}
