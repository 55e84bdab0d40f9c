import KubeCore

/// The Swagger 2.0 document in gnostic's `openapi.v2.Document` protobuf, which is the only form
/// client-go's `OpenAPISchema()` asks for (`application/com.github.proto-openapi.spec.v2@v1.0+protobuf`)
/// and decodes. Field numbers are gnostic's `openapiv2/OpenAPIv2.proto`. Values that protobuf
/// carries as text (`default`, `enum`, `x-` extensions) are written as their JSON, which is YAML
/// and which kube-openapi reads back with a YAML parser.
enum OpenAPIV2Protobuf {
  static let contentType = "application/com.github.proto-openapi.spec.v2@v1.0+protobuf"

  static func document(_ swagger: JSONValue) -> [UInt8] {
    var writer = ProtobufWriter()
    writer.string(1, swagger["swagger"]?.stringValue)
    writer.message(2) { info in
      info.string(1, swagger[path: ["info", "title"]]?.stringValue)
      info.string(2, swagger[path: ["info", "version"]]?.stringValue)
    }
    writer.message(8) { paths in
      for (name, item) in swagger["paths"]?.objectValue ?? [:] {
        paths.message(2) { named in
          named.string(1, name)
          named.message(2) { pathItem(&$0, item) }
        }
      }
    }
    writer.message(9) { definitions in
      for (name, schema) in swagger["definitions"]?.objectValue ?? [:] { namedSchema(&definitions, 1, name, schema) }
    }
    return writer.bytes
  }

  private static func pathItem(_ writer: inout ProtobufWriter, _ item: JSONValue) {
    for (field, method) in [(2, "get"), (3, "put"), (4, "post"), (5, "delete"), (8, "patch")] {
      guard let operation = item[method] else { continue }
      writer.message(field) { self.operation(&$0, operation) }
    }
    parameters(&writer, 9, item["parameters"])
  }

  private static func operation(_ writer: inout ProtobufWriter, _ operation: JSONValue) {
    writer.strings(1, strings(operation["tags"]))
    writer.string(3, operation["description"]?.stringValue)
    writer.string(5, operation["operationId"]?.stringValue)
    writer.strings(6, strings(operation["produces"]))
    writer.strings(7, strings(operation["consumes"]))
    parameters(&writer, 8, operation["parameters"])
    writer.message(9) { responses in
      for (code, response) in operation["responses"]?.objectValue ?? [:] {
        responses.message(1) { named in
          named.string(1, code)
          named.message(2) { value in
            value.message(1) { body in
              body.string(1, response["description"]?.stringValue)
              if let schema = response["schema"] { body.message(2) { $0.message(1) { self.schema(&$0, schema) } } }
            }
          }
        }
      }
    }
    writer.strings(10, strings(operation["schemes"]))
    vendorExtensions(&writer, 13, operation)
  }

  /// `ParametersItem`s: a body parameter, or a path or query one (`NonBodyParameter`).
  private static func parameters(_ writer: inout ProtobufWriter, _ field: Int, _ list: JSONValue?) {
    for parameter in list?.arrayValue ?? [] {
      writer.message(field) { item in
        item.message(1) { value in
          if parameter["in"]?.stringValue == "body" {
            value.message(1) { body in
              body.string(2, parameter["name"]?.stringValue)
              body.string(3, "body")
              body.bool(4, parameter["required"]?.boolValue)
              if let schema = parameter["schema"] { body.message(5) { self.schema(&$0, schema) } }
            }
          } else {
            let inPath = parameter["in"]?.stringValue == "path"
            value.message(2) { nonBody in
              // Path and query sub-schemas number their fields alike up to `name`, then query
              // has `allow_empty_value` (5) before `type`.
              nonBody.message(inPath ? 4 : 3) { sub in
                sub.bool(1, parameter["required"]?.boolValue)
                sub.string(2, parameter["in"]?.stringValue)
                sub.string(3, parameter["description"]?.stringValue)
                sub.string(4, parameter["name"]?.stringValue)
                sub.string(inPath ? 5 : 6, parameter["type"]?.stringValue)
                sub.bool(inPath ? 19 : 20, parameter["uniqueItems"]?.boolValue)
              }
            }
          }
        }
      }
    }
  }

  private static func namedSchema(_ writer: inout ProtobufWriter, _ field: Int, _ name: String, _ value: JSONValue) {
    writer.message(field) { named in
      named.string(1, name)
      named.message(2) { schema(&$0, value) }
    }
  }

  /// gnostic's `Schema`.
  static func schema(_ writer: inout ProtobufWriter, _ schema: JSONValue) {
    writer.string(1, schema["$ref"]?.stringValue)
    writer.string(2, schema["format"]?.stringValue)
    writer.string(3, schema["title"]?.stringValue)
    writer.string(4, schema["description"]?.stringValue)
    if let value = schema["default"] { writer.message(5) { any(&$0, value) } }
    writer.double(6, schema["multipleOf"]?.doubleValue)
    writer.double(7, schema["maximum"]?.doubleValue)
    writer.bool(8, schema["exclusiveMaximum"]?.boolValue)
    writer.double(9, schema["minimum"]?.doubleValue)
    writer.bool(10, schema["exclusiveMinimum"]?.boolValue)
    writer.int64(11, schema["maxLength"]?.intValue)
    writer.int64(12, schema["minLength"]?.intValue)
    writer.string(13, schema["pattern"]?.stringValue)
    writer.int64(14, schema["maxItems"]?.intValue)
    writer.int64(15, schema["minItems"]?.intValue)
    writer.bool(16, schema["uniqueItems"]?.boolValue)
    writer.int64(17, schema["maxProperties"]?.intValue)
    writer.int64(18, schema["minProperties"]?.intValue)
    writer.strings(19, strings(schema["required"]))
    for value in schema["enum"]?.arrayValue ?? [] { writer.message(20) { any(&$0, value) } }
    switch schema["additionalProperties"] {
    case .bool(let allowed)?: writer.message(21) { $0.oneofBool(2, allowed) }
    case let nested? where nested.objectValue != nil: writer.message(21) { $0.message(1) { self.schema(&$0, nested) } }
    default: break
    }
    switch schema["type"] {
    case .string(let type)?: writer.message(22) { $0.strings(1, [type]) }
    case .array(let types)?: writer.message(22) { $0.strings(1, types.compactMap(\.stringValue)) }
    default: break
    }
    switch schema["items"] {
    case .array(let list)?:
      writer.message(23) { items in for item in list { items.message(1) { self.schema(&$0, item) } } }
    case let item? where item.objectValue != nil: writer.message(23) { $0.message(1) { self.schema(&$0, item) } }
    default: break
    }
    if let properties = schema["properties"]?.objectValue {
      writer.message(25) { list in for (name, value) in properties { namedSchema(&list, 1, name, value) } }
    }
    vendorExtensions(&writer, 31, schema)
  }

  /// The `x-` members as `NamedAny`s.
  private static func vendorExtensions(_ writer: inout ProtobufWriter, _ field: Int, _ object: JSONValue) {
    for (name, value) in object.objectValue ?? [:] where name.hasPrefix("x-") {
      writer.message(field) { named in
        named.string(1, name)
        named.message(2) { any(&$0, value) }
      }
    }
  }

  /// gnostic's `Any`: the value's text in `yaml`.
  private static func any(_ writer: inout ProtobufWriter, _ value: JSONValue) {
    writer.string(2, String(decoding: value.serialized(), as: UTF8.self) + "\n")
  }

  private static func strings(_ value: JSONValue?) -> [String] { value?.arrayValue?.compactMap(\.stringValue) ?? [] }
}
