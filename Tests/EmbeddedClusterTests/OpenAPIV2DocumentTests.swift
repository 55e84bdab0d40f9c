import KubeCore
import Testing

@testable import EmbeddedCluster

/// The Swagger 2.0 document: what v2 keeps of a v3 schema, content negotiation, and the gnostic
/// protobuf encoding read back field by field.
@Suite struct OpenAPIV2DocumentTests {
  @Test("v2 drops junctors, and properties and items under nullable or unknown-preserving nodes")
  func schemaConversion() {
    let schema: JSONValue = [
      "type": "object", "required": ["spec", "note"],
      "properties": [
        "spec": [
          "type": "object", "x-kubernetes-preserve-unknown-fields": true,
          "properties": ["replicas": ["type": "integer"]],
        ],
        "note": ["type": "string", "nullable": true],
        "tags": ["type": "array", "x-kubernetes-preserve-unknown-fields": true, "items": ["type": "string"]],
        "choice": ["oneOf": [["type": "string"]], "anyOf": [["type": "integer"]], "type": "string"],
        "meta": ["$ref": "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"],
      ],
    ]
    let v2 = OpenAPIV2Document.v2(schema)
    #expect(v2[path: ["properties", "spec", "properties"]] == nil)
    #expect(v2[path: ["properties", "spec", "type"]] == "object")
    #expect(v2[path: ["properties", "note", "type"]] == nil)
    #expect(v2[path: ["properties", "note", "nullable"]] == nil)
    #expect(v2["required"] == ["spec"], "a nullable field stayed required")
    #expect(v2[path: ["properties", "tags", "type"]] == nil, "an array without items keeps its type")
    #expect(v2[path: ["properties", "choice", "oneOf"]] == nil && v2[path: ["properties", "choice", "anyOf"]] == nil)
    #expect(
      v2[path: ["properties", "meta", "$ref"]] == "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta")
  }

  @Test("Accept picks JSON or protobuf by quality; a type it does not serve gets 406")
  func negotiation() throws {
    let document = OpenAPIV2Document(documents: OpenAPIDocuments(registry: ResourceRegistry()))
    func answer(_ accept: String) -> APIResponse {
      document.response(APIRequest(method: "GET", path: "/openapi/v2", accept: accept))
    }
    #expect(
      answer("application/com.github.proto-openapi.spec.v2@v1.0+protobuf").contentType
        == OpenAPIV2Document.protobufContentType)
    #expect(answer("application/json").contentType == "application/json")
    #expect(answer("").contentType == "application/json")
    #expect(
      answer("application/json;q=0.5, application/com.github.proto-openapi.spec.v2.v1.0+protobuf").contentType
        == OpenAPIV2Document.protobufContentType)
    #expect(answer("text/html").status == 406)
    #expect(answer("application/json;q=0").status == 406)
    let json = answer("application/json")
    #expect(json.headers.contains { $0.0 == "Etag" && $0.1.hasPrefix("\"") })
  }

  @Test("the protobuf reads back as the JSON document: swagger, info, each definition's type and extensions")
  func protobufEncoding() throws {
    let document = OpenAPIV2Document(documents: OpenAPIDocuments(registry: ResourceRegistry())).json
    let bytes = OpenAPIV2Protobuf.document(document)
    let typeItem = ProtobufMessage([1: ("value", .strings)])
    let any = ProtobufMessage([2: ("yaml", .string)])
    let namedAny = ProtobufMessage([1: ("name", .string), 2: ("value", .message(any))])
    let schema = ProtobufMessage([
      1: ("$ref", .string), 4: ("description", .string), 22: ("type", .message(typeItem)),
      31: ("vendorExtension", .messages(namedAny)),
    ])
    let namedSchema = ProtobufMessage([1: ("name", .string), 2: ("value", .message(schema))])
    let reader = ProtobufMessage([
      1: ("swagger", .string),
      2: ("info", .message(ProtobufMessage([1: ("title", .string), 2: ("version", .string)]))),
      9: ("definitions", .message(ProtobufMessage([1: ("additionalProperties", .messages(namedSchema))]))),
    ])
    let decoded = try reader.decode(bytes[...])
    #expect(decoded["swagger"] == "2.0")
    #expect(decoded[path: ["info", "title"]] == "Kubernetes")
    let definitions = decoded[path: ["definitions", "additionalProperties"]]?.arrayValue ?? []
    #expect(definitions.count == document["definitions"]?.objectValue?.count)
    let configMap = definitions.first { $0["name"] == "io.k8s.api.core.v1.ConfigMap" }
    #expect(configMap?[path: ["value", "type", "value"]] == ["object"])
    let gvk = configMap?[path: ["value", "vendorExtension"]]?.arrayValue?.first {
      $0["name"] == "x-kubernetes-group-version-kind"
    }
    let yaml = #"[{"group":"","kind":"ConfigMap","version":"v1"}]"# + "\n"
    #expect(gvk?[path: ["value", "yaml"]]?.stringValue == yaml)
  }
}
