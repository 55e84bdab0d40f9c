import Crypto
import Foundation
import KubeCore

/// The OpenAPI v3 documents `kubectl apply` and `kubectl explain` read: an index of group-versions,
/// and per group-version the paths (with the `fieldValidation` parameter, which tells kubectl the
/// server validates fields itself) and the kinds' schemas.
struct OpenAPIDocuments {
  let registry: ResourceInfoSource

  init(registry: ResourceRegistry) { self.registry = ResourceInfoSource(all: registry.all) }

  /// A snapshot of the served resources.
  struct ResourceInfoSource {
    var all: [ResourceInfo]
  }

  static let objectMetaName = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"

  var index: JSONValue {
    var paths: OrderedDictionaryMembers = [:]
    var seen = Set<String>()
    for info in registry.all where seen.insert(info.apiVersion).inserted {
      let prefix = info.group.isEmpty ? "api/\(info.version)" : "apis/\(info.group)/\(info.version)"
      let hash = document(group: info.group, version: info.version).map(Self.hash) ?? ""
      paths[prefix] = ["serverRelativeURL": .string("/openapi/v3/\(prefix)?hash=\(hash)")]
    }
    return ["paths": .object(paths)]
  }

  static func hash(_ document: JSONValue) -> String { hash(serialized: document.serialized()) }

  /// kube-openapi's hash of a document's JSON: SHA-512, upper-case hex.
  static func hash(serialized: [UInt8]) -> String {
    SHA512.hash(data: serialized).map { String(format: "%02X", $0) }.joined()
  }

  func document(group: String, version: String) -> JSONValue? {
    let infos = registry.all.filter { $0.group == group && $0.version == version }
    guard !infos.isEmpty else { return nil }
    var paths: OrderedDictionaryMembers = [:]
    var schemas: OrderedDictionaryMembers = [Self.objectMetaName: Self.objectMetaSchema]
    for info in infos {
      schemas[Self.schemaName(info)] = kindSchema(info)
      for (path, item) in Self.paths(info) { paths[path] = item }
    }
    return [
      "openapi": "3.0.0", "info": ["title": "Kubernetes", "version": .string(Discovery.gitVersion)],
      "paths": .object(paths), "components": ["schemas": .object(schemas)],
    ]
  }

  static func schemaName(_ info: ResourceInfo) -> String {
    if info.group.isEmpty { return "io.k8s.api.core.\(info.version).\(info.kind)" }
    let reversed = info.group.split(separator: ".").reversed().joined(separator: ".")
    return "\(reversed).\(info.version).\(info.kind)"
  }

  func kindSchema(_ info: ResourceInfo) -> JSONValue {
    var schema = info.schema ?? ["type": "object", "x-kubernetes-preserve-unknown-fields": true]
    var properties = schema["properties"]?.objectValue ?? [:]
    properties["apiVersion"] = [
      "type": "string", "description": "APIVersion defines the versioned schema of this representation of an object.",
    ]
    properties["kind"] = [
      "type": "string", "description": "Kind is a string value representing the REST resource this object represents.",
    ]
    properties["metadata"] = [
      "description": "Standard object's metadata.",
      "allOf": [["$ref": .string("#/components/schemas/\(Self.objectMetaName)")]],
    ]
    schema["properties"] = .object(properties)
    schema["x-kubernetes-group-version-kind"] = [
      ["group": .string(info.group), "kind": .string(info.kind), "version": .string(info.version)]
    ]
    return schema
  }

  static func paths(_ info: ResourceInfo) -> [(String, JSONValue)] {
    let base = info.group.isEmpty ? "/api/\(info.version)" : "/apis/\(info.group)/\(info.version)"
    let scope = info.namespaced ? "\(base)/namespaces/{namespace}/\(info.plural)" : "\(base)/\(info.plural)"
    var result: [(String, JSONValue)] = []
    if info.namespaced { result.append(("\(base)/\(info.plural)", ["get": operation(info, "list")])) }
    result.append(
      (
        scope,
        [
          "get": operation(info, "list"), "post": operation(info, "post"),
          "delete": operation(info, "deletecollection"),
        ]
      ))
    result.append(
      (
        "\(scope)/{name}",
        [
          "get": operation(info, "get"), "put": operation(info, "put"), "patch": operation(info, "patch"),
          "delete": operation(info, "delete"),
        ]
      ))
    for sub in ["status", "scale"] where (sub == "status" && info.hasStatus) || (sub == "scale" && info.scale != nil) {
      result.append(
        (
          "\(scope)/{name}/\(sub)",
          ["get": operation(info, "get"), "put": operation(info, "put"), "patch": operation(info, "patch")]
        ))
    }
    return result
  }

  private static func operation(_ info: ResourceInfo, _ action: String) -> JSONValue {
    var parameters: [JSONValue] = [parameter("dryRun", "string"), parameter("fieldManager", "string")]
    if ["post", "put", "patch"].contains(action) { parameters.append(parameter("fieldValidation", "string")) }
    if action == "patch" { parameters.append(parameter("force", "boolean")) }
    let reference: JSONValue = ["$ref": .string("#/components/schemas/\(schemaName(info))")]
    return [
      "operationId": .string("\(action)\(info.kind)"), "parameters": .array(parameters),
      "responses": ["200": ["description": "OK", "content": ["application/json": ["schema": reference]]]],
      "x-kubernetes-action": .string(action),
      "x-kubernetes-group-version-kind": [
        "group": .string(info.group), "version": .string(info.version), "kind": .string(info.kind),
      ],
    ]
  }

  private static func parameter(_ name: String, _ type: String) -> JSONValue {
    ["name": .string(name), "in": "query", "schema": ["type": .string(type), "uniqueItems": true]]
  }

  static let objectMetaSchema: JSONValue = [
    "description": "ObjectMeta is metadata that all persisted resources must have.", "type": "object",
    "properties": [
      "name": ["type": "string", "description": "Name must be unique within a namespace."],
      "generateName": ["type": "string", "description": "Optional prefix for a server-generated name."],
      "namespace": [
        "type": "string", "description": "Namespace defines the space within which each name must be unique.",
      ],
      "labels": [
        "type": "object", "additionalProperties": ["type": "string"],
        "description": "Map of string keys and values for selecting objects.",
      ],
      "annotations": [
        "type": "object", "additionalProperties": ["type": "string"], "description": "Unstructured key value map.",
      ],
      "uid": ["type": "string"], "resourceVersion": ["type": "string"],
      "generation": ["type": "integer", "format": "int64"],
      "creationTimestamp": ["type": "string", "format": "date-time"],
      "deletionTimestamp": ["type": "string", "format": "date-time"],
      "finalizers": ["type": "array", "items": ["type": "string"]],
      "ownerReferences": ["type": "array", "items": ["type": "object", "x-kubernetes-preserve-unknown-fields": true]],
    ],
  ]
}
