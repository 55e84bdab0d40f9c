import AIResources
import KubeCore
import Testing

@Suite("AI kinds as Codable types")
struct AIObjectCodableTests {
  static let kinds = AICustomResourceDefinitions.all.map(\.kind)

  /// `value` decoded as the Swift type of `kind` and encoded again.
  static func roundTrip(kind: String, _ value: JSONValue) throws -> JSONValue {
    switch kind {
    case "AICluster": return try JSONValue(encoding: value.decode(as: AICluster.self))
    case "ModelDeployment": return try JSONValue(encoding: value.decode(as: ModelDeployment.self))
    case "InferenceService": return try JSONValue(encoding: value.decode(as: InferenceService.self))
    case "AIModelRoute": return try JSONValue(encoding: value.decode(as: AIModelRoute.self))
    case "ModelContextSchema": return try JSONValue(encoding: value.decode(as: ModelContextSchema.self))
    case "AIApplication": return try JSONValue(encoding: value.decode(as: AIApplication.self))
    default: throw UnknownKind()
    }
  }

  struct UnknownKind: Error {}

  @Test("a sample round-trips through its type unchanged", arguments: kinds)
  func sampleRoundTrip(kind: String) throws {
    let sample = try Samples.object(kind: kind)
    #expect(try Self.roundTrip(kind: kind, sample) == sample)
  }

  @Test("an object with every field round-trips unchanged", arguments: kinds)
  func fullRoundTrip(kind: String) throws {
    let full = try JSONValue.parseYAML(try #require(FullObjects.yaml[kind]))
    #expect(full[path: ["status", "reconcile", "changeID"]] == "chg-42")
    #expect(try Self.roundTrip(kind: kind, full) == full)
  }

  @Test("an object with every field passes the schema and admission", arguments: kinds)
  func fullObjectIsValid(kind: String) throws {
    let full = try JSONValue.parseYAML(try #require(FullObjects.yaml[kind]))
    #expect(SchemaValidator.problems(full, schema: try AICustomResourceDefinitionsTests.schema(kind)) == [])
    #expect(AIAdmission.validate(kind: kind, object: full, old: nil) == [])
  }

  @Test("typed values read as the sample wrote them")
  func typedValues() throws {
    let cluster = try Samples.object(kind: "AICluster").decode(as: AICluster.self)
    #expect(cluster.spec.replicas == 2 && cluster.spec.resourceRequests?.memory == "32Gi")
    #expect(cluster.spec.endpoint?.type == .clusterIP && cluster.metadata.namespace == "default")
    let route = try JSONValue.parseYAML(try #require(FullObjects.yaml["AIModelRoute"])).decode(as: AIModelRoute.self)
    #expect(route.spec.auth?.type == .apiKey && route.spec.backends.map(\.weight) == [90, 10])
    #expect(route.status?.reconcile?.result == .requeue && route.condition("Ready")?.status == .isTrue)
    let schema = try Samples.object(kind: "ModelContextSchema").decode(as: ModelContextSchema.self)
    #expect(schema.spec.contextFields.map(\.type) == [.string, .string, .stringArray])
  }

  @Test("quantities written as numbers decode as strings")
  func numericQuantities() throws {
    var object = try Samples.object(kind: "InferenceService")
    object.set(4, at: ["spec", "hardwareProfile", "cpu"])
    object.set(0.5, at: ["spec", "hardwareProfile", "memory"])
    let service = try object.decode(as: InferenceService.self)
    #expect(service.spec.hardwareProfile?.cpu == "4" && service.spec.hardwareProfile?.memory == "0.5")
    var cluster = try Samples.object(kind: "AICluster")
    cluster.set(2, at: ["spec", "resourceRequests", "cpu"])
    #expect(try cluster.decode(as: AICluster.self).spec.resourceRequests?.cpu == "2")
  }

  @Test("a new object encodes only what was set")
  func encodesSetFields() throws {
    let cluster = AICluster(
      metadata: ObjectMeta(name: "pool", namespace: "default"), spec: .init(modelName: "llama", replicas: 2))
    let expected: JSONValue = [
      "apiVersion": "ai.aiconsole.dev/v1", "kind": "AICluster", "metadata": ["name": "pool", "namespace": "default"],
      "spec": ["replicas": 2, "modelName": "llama"],
    ]
    #expect(try JSONValue(encoding: cluster) == expected)
  }

  @Test("a list decodes with its items and resourceVersion")
  func list() throws {
    let sample = try Samples.object(kind: "AICluster")
    let value: JSONValue = [
      "apiVersion": "ai.aiconsole.dev/v1", "kind": "AIClusterList", "metadata": ["resourceVersion": "17"],
      "items": [sample],
    ]
    let list = try value.decode(as: AIResourceList<AICluster>.self)
    #expect(list.metadata.resourceVersion == "17" && list.items.map(\.metadata.name) == ["llama-pool"])
    #expect(AIResourceList<InferenceService>(items: []).kind == "InferenceServiceList")
    #expect(try JSONValue(encoding: list) == value)
  }
}
