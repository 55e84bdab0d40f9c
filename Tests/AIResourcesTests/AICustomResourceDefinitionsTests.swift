import AIResources
import KubeCore
import Testing

@Suite("AICustomResourceDefinitions")
struct AICustomResourceDefinitionsTests {
  /// Kind, plural, short name.
  static let names: [(String, String, String)] = [
    ("AICluster", "aiclusters", "aic"), ("ModelDeployment", "modeldeployments", "mdep"),
    ("InferenceService", "inferenceservices", "infsvc"), ("AIModelRoute", "aimodelroutes", "airoute"),
    ("ModelContextSchema", "modelcontextschemas", "mcs"), ("AIApplication", "aiapplications", "aiapp"),
  ]

  static func crd(_ kind: String) throws -> JSONValue {
    let definition = try #require(AICustomResourceDefinitions.all.first { $0.kind == kind })
    return try JSONValue.parseYAML(definition.yaml)
  }

  static func version(_ kind: String) throws -> JSONValue {
    try #require(try crd(kind)[path: ["spec", "versions"]]?.arrayValue?.first)
  }

  static func schema(_ kind: String) throws -> JSONValue {
    try #require(try version(kind)[path: ["schema", "openAPIV3Schema"]])
  }

  @Test("serves the six kinds, each once")
  func sixKinds() {
    #expect(AICustomResourceDefinitions.all.map(\.kind).sorted() == Self.names.map(\.0).sorted())
  }

  @Test("names, group, scope, short names and category ai", arguments: names)
  func namesOf(kind: String, plural: String, shortName: String) throws {
    let crd = try Self.crd(kind)
    let definition = try #require(AICustomResourceDefinitions.all.first { $0.kind == kind })
    #expect(definition.plural == plural && definition.shortNames == [shortName])
    #expect(crd["apiVersion"] == "apiextensions.k8s.io/v1" && crd["kind"] == "CustomResourceDefinition")
    #expect(crd[path: ["metadata", "name"]]?.stringValue == "\(plural).ai.aiconsole.dev")
    #expect(definition.crdName == "\(plural).ai.aiconsole.dev")
    #expect(crd[path: ["spec", "group"]] == "ai.aiconsole.dev" && crd[path: ["spec", "scope"]] == "Namespaced")
    let names = try #require(crd[path: ["spec", "names"]])
    #expect(names["plural"]?.stringValue == plural && names["kind"]?.stringValue == kind)
    #expect(names["singular"]?.stringValue == kind.lowercased() && names["listKind"]?.stringValue == kind + "List")
    #expect(names["shortNames"] == [.string(shortName)] && names["categories"] == ["ai"])
    let version = try Self.version(kind)
    #expect(version["name"] == "v1" && version["served"] == true && version["storage"] == true)
    #expect(version[path: ["subresources", "status"]] == .emptyObject)
  }

  @Test("the schema is structural", arguments: names.map(\.0))
  func structural(kind: String) throws {
    let schema = try Self.schema(kind)
    #expect(StructuralSchema.violations(schema) == [])
    #expect(schema[path: ["properties", "metadata"]] == ["type": "object"])
    #expect(schema[path: ["properties", "spec", "type"]] == "object")
  }

  @Test("the structural check finds what a real server refuses")
  func structuralCheckBites() throws {
    let bad = try JSONValue.parseYAML(
      """
      type: object
      properties:
        untyped: {description: no type}
        list: {type: array}
        both: {type: object, properties: {a: {type: string}}, additionalProperties: {type: string}}
        wrongDefault: {type: integer, minimum: 1, default: 0}
        typo: {type: string, maxlength: 3}
      """)
    let found = StructuralSchema.violations(bad)
    for path in ["untyped", "list", "both", "wrongDefault", "typo"] {
      #expect(found.contains { $0.contains(path) }, "\(path) not reported in \(found)")
    }
  }

  @Test("status schemas carry conditions, observedGeneration and reconcile", arguments: names.map(\.0))
  func statusSchema(kind: String) throws {
    let status = try #require(try Self.schema(kind)[path: ["properties", "status", "properties"]])
    #expect(status["observedGeneration"]?["type"] == "integer")
    let conditions = try #require(status["conditions"])
    #expect(conditions["x-kubernetes-list-map-keys"] == ["type"])
    let item = try #require(conditions["items"])
    #expect(Set(item["required"]?.arrayValue ?? []) == ["type", "status", "lastTransitionTime", "reason", "message"])
    #expect(item[path: ["properties", "status", "enum"]] == ["True", "False", "Unknown"])
    let reconcile = try #require(status[path: ["reconcile", "properties"]])
    #expect(
      Set(reconcile.objectValue?.keys.map { $0 } ?? []) == [
        "lastTime", "durationMillis", "result", "message", "reconcileID", "changeID", "lastChange",
      ])
    #expect(reconcile[path: ["result", "enum"]] == ["Success", "Error", "Requeue"])
  }

  @Test("scale subresource on AICluster and InferenceService only", arguments: names.map(\.0))
  func scale(kind: String) throws {
    let scale = try Self.version(kind)[path: ["subresources", "scale"]]
    switch kind {
    case "AICluster":
      #expect(
        scale == [
          "specReplicasPath": ".spec.replicas", "statusReplicasPath": ".status.replicas",
          "labelSelectorPath": ".status.selector",
        ])
    case "InferenceService":
      #expect(
        scale == [
          "specReplicasPath": ".spec.replicas", "statusReplicasPath": ".status.currentReplicas",
          "labelSelectorPath": ".status.selector",
        ])
    default:
      #expect(scale == nil)
    }
  }

  @Test("one YAML stream and one object per CRD, in the order of all")
  func stream() throws {
    let documents = try JSONValue.parseYAMLDocuments(AICustomResourceDefinitions.yamlStream)
    #expect(documents.count == 6)
    #expect(documents == AICustomResourceDefinitions.objects)
    #expect(
      documents.map { $0[path: ["spec", "names", "kind"]]?.stringValue } == AICustomResourceDefinitions.all.map(\.kind))
    #expect(AICustomResourceDefinitions.yamlStream.components(separatedBy: "\n---\n").count == 6)
  }

  @Test("finds a definition by kind, plural or short name", arguments: names)
  func lookup(kind: String, plural: String, shortName: String) {
    for name in [kind, plural, shortName, kind.lowercased()] {
      #expect(AICustomResourceDefinitions.definition(named: name)?.kind == kind)
    }
    #expect(AICustomResourceDefinitions.definition(named: "pods") == nil)
    #expect(
      AICustomResourceDefinitions.definition(named: kind)?.collectionPath(namespace: "ns")
        == "/apis/ai.aiconsole.dev/v1/namespaces/ns/\(plural)")
  }

  @Test("each typed kind names its own CRD")
  func typedDefinitions() {
    #expect(AICluster.definition.plural == "aiclusters" && ModelDeployment.definition.plural == "modeldeployments")
    #expect(
      InferenceService.definition.plural == "inferenceservices" && AIModelRoute.definition.plural == "aimodelroutes")
    #expect(ModelContextSchema.definition.plural == "modelcontextschemas")
    #expect(AIApplication.definition.plural == "aiapplications")
  }
}

@Suite("AI kinds' published resources")
struct AIKindResourceTests {
  @Test("each kind's APIResource names what its CRD manifest serves: plural, kind, short names, scale")
  func resourcesAgreeWithManifests() throws {
    for (definition, manifest) in zip(AICustomResourceDefinitions.all, AICustomResourceDefinitions.objects) {
      let resource = definition.resource
      let names = manifest[path: ["spec", "names"]]
      #expect(resource.name == names?["plural"]?.stringValue)
      #expect(resource.kind == names?["kind"]?.stringValue)
      #expect(resource.shortNames == names?["shortNames"]?.arrayValue?.compactMap(\.stringValue))
      let version = manifest[path: ["spec", "versions"]]?.arrayValue?.first
      #expect(resource.subresources.contains("scale") == (version?[path: ["subresources", "scale"]] != nil))
      #expect(resource.group == manifest[path: ["spec", "group"]]?.stringValue)
    }
  }
}
