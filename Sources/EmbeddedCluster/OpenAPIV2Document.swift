import Foundation
import KubeCore

/// The OpenAPI v2 (Swagger 2.0) document at `/openapi/v2`, which kubectl still reads where v3
/// cannot answer: validating a `kind: List` (`kubectl create -f` of what `kubectl get -o yaml`
/// wrote) looks its items up there. Built from the same kind schemas as the v3 documents, turned
/// into what kube-apiserver publishes for v2 (apiextensions-apiserver's `ToStructuralOpenAPIV2`):
/// no junctors (`allOf`, `oneOf`, `anyOf`, `not`), and no `properties` or `items` under a nullable
/// or unknown-field-preserving node, which kubectl's v2 validation cannot cope with.
struct OpenAPIV2Document {
  let documents: OpenAPIDocuments

  var json: JSONValue {
    var definitions: OrderedDictionaryMembers = [
      OpenAPIDocuments.objectMetaName: Self.v2(OpenAPIDocuments.objectMetaSchema)
    ]
    var paths: OrderedDictionaryMembers = [:]
    for info in documents.registry.all {
      definitions[OpenAPIDocuments.schemaName(info)] = Self.v2(kindSchema(info))
      for (path, item) in OpenAPIDocuments.paths(info) { paths[path] = Self.pathItem(item, path: path) }
    }
    return [
      "swagger": "2.0", "info": ["title": "Kubernetes", "version": .string(Discovery.gitVersion)],
      "paths": .object(paths), "definitions": .object(definitions),
    ]
  }

  /// A kind's schema with `metadata` a plain reference: v2 drops `allOf`, where v3 wraps it.
  private func kindSchema(_ info: ResourceInfo) -> JSONValue {
    var schema = documents.kindSchema(info)
    schema.set(
      [
        "description": "Standard object's metadata.",
        "$ref": .string("#/definitions/\(OpenAPIDocuments.objectMetaName)"),
      ],
      at: ["properties", "metadata"])
    return schema
  }

  /// `schema` as v2 publishes it, node by node.
  static func v2(_ schema: JSONValue) -> JSONValue {
    guard var members = schema.objectValue else { return schema }
    for junctor in ["allOf", "oneOf", "anyOf", "not"] { members[junctor] = nil }
    if let reference = members["$ref"]?.stringValue {
      members["$ref"] = .string(reference.replacingOccurrences(of: "#/components/schemas/", with: "#/definitions/"))
    }
    if members["nullable"]?.boolValue == true {
      members["nullable"] = nil
      members["type"] = nil
      members["items"] = nil
      members["properties"] = nil
    }
    if members["x-kubernetes-preserve-unknown-fields"]?.boolValue == true {
      members["items"] = nil
      members["properties"] = nil
    }
    if members["items"] == nil, members["type"]?.stringValue == "array" { members["type"] = nil }
    if let properties = members["properties"]?.objectValue {
      let nullable = Set(properties.filter { $0.value["nullable"]?.boolValue == true }.keys)
      members["properties"] = .object(properties.mapValues(v2))
      if let required = members["required"]?.arrayValue {
        let kept = required.filter { !nullable.contains($0.stringValue ?? "") }
        members["required"] = kept.isEmpty ? nil : .array(kept)
      }
    }
    if let items = members["items"] { members["items"] = v2(items) }
    if let additional = members["additionalProperties"], additional.objectValue != nil {
      if additional["nullable"]?.boolValue == true { members["required"] = nil }
      members["additionalProperties"] = v2(additional)
    }
    return .object(members)
  }

  /// A v3 path item as v2 writes it: the path's parameters, a body parameter for the writes, and
  /// each answer's schema straight under the response.
  private static func pathItem(_ item: JSONValue, path: String) -> JSONValue {
    var result: OrderedDictionaryMembers = [:]
    for (method, operation) in item.objectValue ?? [:] {
      result[method] = self.operation(operation, writes: ["post", "put", "patch"].contains(method))
    }
    let names = path.split(separator: "{").dropFirst().compactMap { $0.split(separator: "}").first.map(String.init) }
    if !names.isEmpty {
      result["parameters"] = .array(
        names.map { ["name": .string($0), "in": "path", "required": true, "type": "string", "uniqueItems": true] })
    }
    return .object(result)
  }

  private static func operation(_ operation: JSONValue, writes: Bool) -> JSONValue {
    var result = operation.objectValue ?? [:]
    let reference = operation[path: ["responses", "200", "content", "application/json", "schema"]].map(v2)
    var parameters = (operation["parameters"]?.arrayValue ?? []).map { parameter -> JSONValue in
      var flat = parameter.objectValue ?? [:]
      for (key, value) in parameter["schema"]?.objectValue ?? [:] { flat[key] = value }
      flat["schema"] = nil
      return .object(flat)
    }
    if writes, let reference {
      parameters.insert(["name": "body", "in": "body", "required": true, "schema": reference], at: 0)
    }
    result["parameters"] = .array(parameters)
    result["consumes"] = writes ? ["application/json", "application/yaml"] : nil
    result["produces"] = ["application/json", "application/yaml"]
    result["schemes"] = ["https"]
    var ok: JSONValue = ["description": "OK"]
    if let reference { ok["schema"] = reference }
    result["responses"] = ["200": ok, "401": ["description": "Unauthorized"]]
    return .object(result)
  }
}

extension OpenAPIV2Document {
  /// The media types `/openapi/v2` serves, as kube-openapi's handler lists them: what a clause of
  /// `Accept` names, and the `Content-Type` answered.
  static let served: [(type: String, subtype: String, contentType: String)] = [
    ("application", "json", "application/json"),
    ("application", "com.github.proto-openapi.spec.v2@v1.0+protobuf", protobufContentType),
    ("application", "com.github.proto-openapi.spec.v2.v1.0+protobuf", protobufContentType),
  ]
  static let protobufContentType = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf"

  /// The document in the first served type the request's `Accept` takes, by quality, as JSON or
  /// gnostic protobuf, with kube-openapi's `ETag` (the JSON's SHA-512) and `Vary`; 406 when it
  /// takes none.
  func response(_ request: APIRequest) -> APIResponse {
    for clause in Self.clauses(request.accept) {
      guard
        let served = Self.served.first(where: {
          (clause.type == "*" || clause.type == $0.type) && (clause.subtype == "*" || clause.subtype == $0.subtype)
        })
      else { continue }
      let document = json
      // The JSON is serialized once: it is the Etag's input and, for JSON, the body.
      let text = document.serialized()
      let body = served.contentType == "application/json" ? text : OpenAPIV2Protobuf.document(document)
      var response = APIResponse(status: 200, contentType: served.contentType, body: .bytes(body))
      response.headers = [("Vary", "Accept"), ("Etag", "\"\(OpenAPIDocuments.hash(serialized: text))\"")]
      return response
    }
    // kube-openapi answers an empty 406, not a Status.
    return APIResponse(status: 406, body: .bytes([]))
  }

  /// `Accept`'s media ranges, highest quality first (ties keep their order), without those of
  /// quality 0.
  static func clauses(_ accept: String) -> [(type: String, subtype: String)] {
    let header = accept.trimmingCharacters(in: .whitespaces).isEmpty ? "*/*" : accept
    let ranked = header.split(separator: ",").compactMap { clause -> (type: String, subtype: String, q: Double)? in
      let parts = clause.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
      let range = parts[0].split(separator: "/", maxSplits: 1).map(String.init)
      guard range.count == 2 else { return nil }
      let q = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
      return q > 0 ? (range[0], range[1], q) : nil
    }
    return ranked.enumerated().sorted { ($0.element.q, -$0.offset) > ($1.element.q, -$1.offset) }.map {
      ($0.element.type, $0.element.subtype)
    }
  }
}
