import Foundation
import KubeCore
import Testing

@testable import EmbeddedCluster

@Suite("API server: subresources, CRDs and access")
struct SubresourceAndAuthTests {
  @Test("the scale subresource reads and writes spec.replicas")
  func scale() async throws {
    let cluster = try await TestCluster()
    _ = try await cluster.call("POST", TestCluster.aiClusters, body: TestCluster.aiCluster("s", replicas: 2))
    let (_, scale) = try await cluster.call("GET", TestCluster.aiClusters + "/s/scale")
    #expect(scale["kind"] == "Scale")
    #expect(scale[path: ["spec", "replicas"]] == 2)
    let (status, patched) = try await cluster.call(
      "PATCH", TestCluster.aiClusters + "/s/scale", body: ["spec": ["replicas": 5]],
      contentType: "application/merge-patch+json")
    #expect(status == 200)
    #expect(patched[path: ["spec", "replicas"]] == 5)
    let (_, object) = try await cluster.call("GET", TestCluster.aiClusters + "/s")
    #expect(object[path: ["spec", "replicas"]] == 5)
    let (invalid, error) = try await cluster.call(
      "PATCH", TestCluster.aiClusters + "/s/scale", body: ["spec": ["replicas": -1]],
      contentType: "application/merge-patch+json")
    #expect(invalid == 422)
    #expect(error["reason"] == "Invalid")
  }

  @Test("a schema-invalid object is refused with every bad field named")
  func schemaInvalid() async throws {
    let cluster = try await TestCluster()
    var object = TestCluster.aiCluster("bad", replicas: -1)
    object.set("many", at: ["spec", "revisionHistoryLimit"])
    let (status, error) = try await cluster.call("POST", TestCluster.aiClusters, body: object)
    #expect(status == 422)
    let fields = error[path: ["details", "causes"]]?.arrayValue?.compactMap { $0["field"]?.stringValue } ?? []
    #expect(fields.contains("spec.replicas"))
    #expect(fields.contains("spec.revisionHistoryLimit"))
    #expect(try await cluster.call("GET", TestCluster.aiClusters + "/bad").status == 404)
  }

  @Test("fieldValidation=Strict refuses unknown fields; the default warns and prunes")
  func fieldValidation() async throws {
    let cluster = try await TestCluster()
    var object = TestCluster.aiCluster("u")
    object.set("x", at: ["spec", "bogus"])
    let (strict, error) = try await cluster.call(
      "POST", TestCluster.aiClusters, query: ["fieldValidation": "Strict"], body: object)
    #expect(strict == 400)
    #expect(error["message"]?.stringValue?.contains("unknown field \"spec.bogus\"") == true)
    let response = await cluster.send("POST", TestCluster.aiClusters, body: object)
    #expect(response.status == 201)
    #expect(response.headers.contains { $0.0 == "Warning" && $0.1.contains("spec.bogus") })
    #expect(try JSONParser.parse(response.bodyBytes)[path: ["spec", "bogus"]] == nil)
  }

  @Test("a CRD registered at run time is served with its schema and columns, and goes away when deleted")
  func runtimeCRD() async throws {
    let cluster = try await TestCluster()
    let crd: JSONValue = [
      "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
      "metadata": ["name": "widgets.example.com"],
      "spec": [
        "group": "example.com", "scope": "Namespaced",
        "names": ["plural": "widgets", "singular": "widget", "kind": "Widget", "shortNames": ["wd"]],
        "versions": [
          [
            "name": "v1", "served": true, "storage": true,
            "schema": [
              "openAPIV3Schema": [
                "type": "object",
                "properties": [
                  "spec": ["type": "object", "properties": ["color": ["type": "string", "enum": ["red", "blue"]]]]
                ],
              ]
            ],
            "additionalPrinterColumns": [["name": "Color", "type": "string", "jsonPath": ".spec.color"]],
          ]
        ],
      ],
    ]
    #expect(
      try await cluster.call("POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", body: crd).status == 201
    )
    let widgets = "/apis/example.com/v1/namespaces/default/widgets"
    let widget: JSONValue = [
      "apiVersion": "example.com/v1", "kind": "Widget", "metadata": ["name": "w"], "spec": ["color": "red"],
    ]
    #expect(try await cluster.call("POST", widgets, body: widget).status == 201)
    var green = widget
    green.set("green", at: ["spec", "color"])
    green.set("g", at: ["metadata", "name"])
    let (invalid, error) = try await cluster.call("POST", widgets, body: green)
    #expect(invalid == 422)
    #expect(error[path: ["details", "causes"]]?.arrayValue?.first?["field"] == "spec.color")
    let (_, table) = try await cluster.call("GET", widgets, accept: "application/json;as=Table;v=v1;g=meta.k8s.io")
    #expect(table["rows"]?.arrayValue?.first?["cells"] == ["w", "red"])
    let (_, discovery) = try await cluster.call("GET", "/apis/example.com/v1")
    #expect(discovery["resources"]?.arrayValue?.first?["shortNames"] == ["wd"])
    _ = try await cluster.call("DELETE", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com")
    #expect(try await cluster.call("GET", widgets).status == 404)
  }

  @Test("requests need a token; the read-only token may read but not write")
  func access() async throws {
    let cluster = try await TestCluster()
    let (missing, unauthorized) = try await cluster.call("GET", TestCluster.aiClusters, token: nil)
    #expect(missing == 401)
    #expect(unauthorized["reason"] == "Unauthorized")
    #expect(try await cluster.call("GET", TestCluster.aiClusters, token: "wrong").status == 401)
    #expect(try await cluster.call("GET", TestCluster.aiClusters, token: "reader-token").status == 200)
    let (forbidden, error) = try await cluster.call(
      "POST", TestCluster.aiClusters, body: TestCluster.aiCluster("r"), token: "reader-token")
    #expect(forbidden == 403)
    #expect(error["reason"] == "Forbidden")
  }

  @Test("JSON patch errors are refused and leave the object as it was")
  func badJSONPatch() async throws {
    let cluster = try await TestCluster()
    _ = try await cluster.call("POST", TestCluster.aiClusters, body: TestCluster.aiCluster("p", replicas: 2))
    let (status, _) = try await cluster.call(
      "PATCH", TestCluster.aiClusters + "/p", body: [["op": "replace", "path": "/spec/nothing/here", "value": 1]],
      contentType: "application/json-patch+json")
    #expect(status == 422)
    let (unsupported, _) = try await cluster.call(
      "PATCH", TestCluster.aiClusters + "/p", body: ["spec": ["replicas": 1]],
      contentType: "application/strategic-merge-patch+json")
    #expect(unsupported == 415)
    #expect(try await cluster.call("GET", TestCluster.aiClusters + "/p").value[path: ["spec", "replicas"]] == 2)
  }
}
