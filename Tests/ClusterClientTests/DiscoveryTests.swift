import ClusterClient
import ClusterTestSupport
import Foundation
import KubeCore
import Testing

/// Discovery from recorded kube-apiserver documents and from the embedded server, and informers
/// for AI kinds that come and go at run time.
@Suite(.timeLimit(.minutes(5))) struct DiscoveryTests {
  @Test func readsAggregatedDiscoveryWithPreferredVersions() throws {
    let resources = APIDiscovery.aggregated(try JSONParser.parse(try Fixture.bytes("discovery-aggregated-apis.json")))
    let catalog = APIResourceCatalog(resources: resources)
    #expect(catalog.groups["autoscaling"] == ["v2", "v1"])
    let hpa = catalog.resource(named: "horizontalpodautoscalers")
    #expect(hpa?.version == "v2")
    #expect(hpa?.subresources == ["status"])
    let deployments = catalog.resource(named: "deploy")
    #expect(deployments?.group == "apps")
    #expect(deployments?.namespaced == true)
    #expect(deployments?.subresources.contains("scale") == true)
    #expect(catalog.resource(named: "aiclusters.ai.example.com")?.kind == "AICluster")
    #expect(catalog.resource(named: "CustomResourceDefinition")?.name == "customresourcedefinitions")
  }

  @Test func readsALegacyResourceListFoldingSubresources() throws {
    let resources = APIDiscovery.resourceList(
      try JSONParser.parse(try Fixture.bytes("discovery-ai.example.com-v1.json")), preferred: true)
    #expect(resources.count == 1)
    let aiclusters = try #require(resources.first)
    #expect(aiclusters.group == "ai.example.com" && aiclusters.version == "v1")
    #expect(aiclusters.shortNames == ["aic"])
    #expect(aiclusters.subresources == ["status", "scale"])
    #expect(
      aiclusters.path(namespace: "default", name: "demo", subresource: "scale")
        == "/apis/ai.example.com/v1/namespaces/default/aiclusters/demo/scale")
  }

  @Test func aiKindsAreOurGroupCategoryLabelAndWellKnownGroups() {
    let catalog = APIResourceCatalog(resources: [
      APIResource(group: "ai.aiconsole.dev", version: "v1", name: "aiclusters", kind: "AICluster", namespaced: true),
      APIResource(
        group: "serving.kserve.io", version: "v1beta1", name: "inferenceservices", kind: "InferenceService",
        namespaced: true),
      APIResource(
        group: "example.com", version: "v1", name: "brains", kind: "Brain", namespaced: true, categories: ["ai"]),
      APIResource(group: "example.com", version: "v1", name: "labelled", kind: "Labelled", namespaced: true),
      APIResource(group: "example.com", version: "v1", name: "plain", kind: "Plain", namespaced: true),
      APIResource(group: "ray.io", version: "v1", name: "rayjobs", kind: "RayJob", namespaced: true, verbs: ["get"]),
    ])
    let names = AIKindSelection().select(from: catalog, labelledCRDs: ["labelled.example.com"]).map(\.name)
    #expect(names == ["aiclusters", "inferenceservices", "brains", "labelled"])
    let narrowed = AIKindSelection(groups: [], categories: []).select(from: catalog).map(\.name)
    #expect(narrowed == ["aiclusters"])
  }

  @Test func discoversTheEmbeddedServer() async throws {
    let server = try await EmbeddedServer.start()
    let client = try KubeClient(kubeconfig: server.kubeconfigPath)
    let catalog = try await APIDiscovery.catalog(client)
    #expect(catalog.resource(named: "aic")?.subresources.sorted() == ["scale", "status"])
    #expect(catalog.resource(named: "po")?.subresources.contains("log") == true)
    #expect(
      Set(catalog.resources(inCategory: "ai").map(\.kind)) == [
        "AICluster", "ModelDeployment", "InferenceService", "AIModelRoute", "ModelContextSchema", "AIApplication",
      ])
    try await client.shutdown()
    await server.stop()
  }

  static func definition(group: String, plural: String, kind: String, aiLabel: Bool) -> JSONValue {
    var metadata: JSONValue = ["name": .string("\(plural).\(group)")]
    if aiLabel { metadata["labels"] = [.init(stringLiteral: AIKindSelection.crdLabel): "true"] }
    return [
      "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition", "metadata": metadata,
      "spec": [
        "group": .string(group), "scope": "Namespaced",
        "names": [
          "plural": .string(plural), "singular": .string(kind.lowercased()), "kind": .string(kind),
          "listKind": .string(kind + "List"),
        ],
        "versions": [
          [
            "name": "v1", "served": true, "storage": true,
            "schema": ["openAPIV3Schema": ["type": "object", "x-kubernetes-preserve-unknown-fields": true]],
          ]
        ],
      ],
    ]
  }

  @Test func informersStartAndStopAsAIKindsComeAndGo() async throws {
    let server = try await EmbeddedServer.start()
    let client = try KubeClient(configuration: .load(kubeconfig: server.kubeconfigPath, rateLimit: .unlimited))
    let informers = AIKindInformers(client: client)
    let events = await informers.events()
    let running = Task { await informers.run() }
    let crds = CoreResources.customResourceDefinitions
    _ = try await client.create(
      crds, Self.definition(group: "example.com", plural: "widgets", kind: "Widget", aiLabel: true))
    _ = try await client.create(
      crds, Self.definition(group: "other.io", plural: "gadgets", kind: "Gadget", aiLabel: false))
    let widgets = APIResource(
      group: "example.com", version: "v1", name: "widgets", singularName: "widget", kind: "Widget", namespaced: true)
    var sawWidgetKind = false
    var sawWidget = false
    var created = false
    for await event in events {
      switch event {
      case .catalog: break
      case .kinds(let kinds):
        #expect(!kinds.contains { $0.group == "other.io" })
        if kinds.contains(where: { $0.name == "widgets" }), !created {
          sawWidgetKind = true
          created = true
          _ = try await client.create(
            widgets,
            [
              "apiVersion": "example.com/v1", "kind": "Widget", "metadata": ["name": "w1", "namespace": "default"],
              "spec": ["size": 3],
            ])
        }
      case .objects(let resource, let changes):
        for case .added(let object) in changes
        where resource.name == "widgets" && object[path: ["metadata", "name"]] == "w1" {
          sawWidget = true
        }
      default: break
      }
      if sawWidget { break }
    }
    #expect(sawWidgetKind && sawWidget)
    #expect(await informers.kinds.count == 7)
    try await client.delete(crds, name: "widgets.example.com")
    var gone = false
    for _ in 0..<300 where !gone {
      gone = await !informers.kinds.contains { $0.name == "widgets" }
      try await Task.sleep(for: .milliseconds(100))
    }
    #expect(gone)
    running.cancel()
    await running.value
    try await client.shutdown()
    await server.stop()
  }
}
