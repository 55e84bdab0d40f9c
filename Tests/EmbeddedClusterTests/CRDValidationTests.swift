import ClusterClient
import ClusterTestSupport
import Foundation
import KubeCore
import Testing

/// CustomResourceDefinitions are validated as apiextensions-apiserver validates them, over HTTPS
/// against a real embedded server.
@Suite(.serialized, .timeLimit(.minutes(5))) struct CRDValidationTests {
  static let crds = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions"

  /// A valid CRD for `widgets.example.com`, changed by `edit`.
  static func crd(_ edit: (inout JSONValue) -> Void = { _ in }) -> JSONValue {
    var crd: JSONValue = [
      "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
      "metadata": ["name": "widgets.example.com"],
      "spec": [
        "group": "example.com", "scope": "Namespaced",
        "names": ["plural": "widgets", "singular": "widget", "kind": "Widget", "listKind": "WidgetList"],
        "versions": [
          [
            "name": "v1", "served": true, "storage": true,
            "schema": [
              "openAPIV3Schema": [
                "type": "object",
                "properties": [
                  "spec": [
                    "type": "object",
                    "properties": ["size": ["type": "integer"], "name": ["type": "string", "pattern": "^[a-z]+$"]],
                  ]
                ],
              ]
            ],
          ]
        ],
      ],
    ]
    edit(&crd)
    return crd
  }

  static func create(_ client: KubeClient, _ crd: JSONValue) async throws -> (code: Int, body: JSONValue) {
    let (code, bytes) = try await client.send(.POST, crds, body: crd.serialized())
    return (code, try JSONParser.parse(bytes))
  }

  static func causes(_ body: JSONValue) -> [String] {
    (body["details"]?["causes"]?.arrayValue ?? []).map {
      "\($0["field"]?.stringValue ?? ""): \($0["message"]?.stringValue ?? "")"
    }
  }

  /// Edits the CRD's first (only) version.
  static func inVersion(_ crd: inout JSONValue, _ edit: (inout JSONValue) -> Void) {
    var versions = crd["spec"]?["versions"]?.arrayValue ?? []
    edit(&versions[0])
    crd.set(.array(versions), at: ["spec", "versions"])
  }

  static let specPath = "spec.versions[0].schema.openAPIV3Schema.properties[spec]"

  @Test func invalidDefinitionsAreRefusedAndNothingIsServed() async throws {
    let server = try await EmbeddedServer.start()
    let client = try KubeClient(configuration: .load(kubeconfig: server.kubeconfigPath, rateLimit: .unlimited))
    let cases: [(String, (inout JSONValue) -> Void, String)] = [
      (
        "type bogus",
        { Self.inVersion(&$0) { $0.set("bogus", at: ["schema", "openAPIV3Schema", "properties", "spec", "type"]) } },
        "\(Self.specPath).type: Unsupported value: \"bogus\": supported values: \"array\", \"boolean\", \"integer\", \"number\", \"object\", \"string\""
      ),
      (
        "pattern",
        {
          Self.inVersion(&$0) {
            $0.set("[a-", at: ["schema", "openAPIV3Schema", "properties", "spec", "properties", "name", "pattern"])
          }
        },
        "\(Self.specPath).properties[name].pattern: Invalid value: \"[a-\": must be a valid regular expression, but isn't"
      ),
      (
        "no storage version", { Self.inVersion(&$0) { $0.set(false, at: ["storage"]) } },
        "spec.versions: Invalid value: [{\"name\":\"v1\",\"served\":true,\"storage\":false}]: must have exactly one version marked as storage version"
      ),
      (
        "scope", { $0.set("Galactic", at: ["spec", "scope"]) },
        "spec.scope: Unsupported value: \"Galactic\": supported values: \"Cluster\", \"Namespaced\""
      ),
      (
        "untyped property",
        {
          Self.inVersion(&$0) {
            $0.set(.emptyObject, at: ["schema", "openAPIV3Schema", "properties", "spec", "properties", "size"])
          }
        }, "\(Self.specPath).properties[size].type: Required value: must not be empty for specified object fields"
      ),
      (
        "root not an object", { Self.inVersion(&$0) { $0.set("string", at: ["schema", "openAPIV3Schema", "type"]) } },
        "spec.versions[0].schema.openAPIV3Schema.type: Invalid value: \"string\": must be object at the root"
      ),
      ("no plural", { $0.set(.none, at: ["spec", "names", "plural"]) }, "spec.names.plural: Required value"),
    ]
    for (label, edit, expected) in cases {
      let answer = try await Self.create(client, Self.crd(edit))
      #expect(answer.code == 422, "\(label): \(answer.body)")
      #expect(Self.causes(answer.body).contains { $0.hasPrefix(expected) }, "\(label): \(Self.causes(answer.body))")
    }
    var dotless = Self.crd { $0.set("example", at: ["spec", "group"]) }
    dotless.set("widgets.example", at: ["metadata", "name"])
    let group = try await Self.create(client, dotless)
    #expect(
      Self.causes(group.body).contains(
        "spec.group: Invalid value: \"example\": should be a domain with at least one dot"))

    // `properties` as an array cannot be decoded at all: a 400, as kube-apiserver's decoder answers.
    let array = try await Self.create(
      client, Self.crd { Self.inVersion(&$0) { $0.set(["a"], at: ["schema", "openAPIV3Schema", "properties"]) } })
    #expect(array.code == 400)
    #expect(
      array.body["message"]
        == "CustomResourceDefinition in version \"v1\" cannot be handled as a CustomResourceDefinition: json: cannot unmarshal array into Go struct field JSONSchemaProps.spec.versions.schema.openAPIV3Schema.properties of type map[string]v1.JSONSchemaProps"
    )
    let (missing, _) = try await client.send(.GET, "/apis/example.com/v1/namespaces/default/widgets")
    #expect(missing == 404)

    // The valid one is served, and its objects are checked against its schema.
    let valid = try await Self.create(client, Self.crd())
    #expect(valid.code == 201, "\(valid.body)")
    let widgets = "/apis/example.com/v1/namespaces/default/widgets"
    let badWidget: JSONValue = [
      "apiVersion": "example.com/v1", "kind": "Widget", "metadata": ["name": "w"], "spec": ["name": "Not-Lower"],
    ]
    // The create registered the resource before it answered, so no wait is needed.
    let (code, bytes) = try await client.send(.POST, widgets, body: badWidget.serialized())
    let refused = (code: code, body: try JSONParser.parse(bytes))
    #expect(refused.code == 422, "\(refused.body)")
    #expect(Self.causes(refused.body).first?.hasPrefix("spec.name: Invalid value: \"Not-Lower\"") == true)

    // An update that breaks the stored CRD is refused too, and the stored one stays.
    var current = try await client.json(.GET, "\(Self.crds)/widgets.example.com")
    current.set("Galactic", at: ["spec", "scope"])
    let (updated, _) = try await client.send(.PUT, "\(Self.crds)/widgets.example.com", body: current.serialized())
    #expect(updated == 422)
    #expect(try await client.json(.GET, "\(Self.crds)/widgets.example.com")["spec"]?["scope"] == "Namespaced")
    try await client.shutdown()
    await server.stop()
  }
}
