import Foundation
import KubeCore

/// The rules apiextensions-apiserver enforces on a CRD's `openAPIV3Schema` ("structural schema"),
/// plus what this project asks of its own: every node typed (or int-or-string), `properties` only
/// on objects, no `properties` beside `additionalProperties`, arrays with `items`, `required`
/// naming real properties, defaults and enums valid against their node, list-map keys required,
/// only known keywords, and patterns that Go's RE2 also accepts.
enum StructuralSchema {
  /// The keywords a node may use.
  static let keywords: Set<String> = [
    "type", "description", "properties", "required", "items", "enum", "default", "minimum", "maximum",
    "minLength", "maxLength", "pattern", "minItems", "maxItems", "maxProperties", "additionalProperties",
    "format", "anyOf", "nullable", "x-kubernetes-int-or-string", "x-kubernetes-preserve-unknown-fields",
    "x-kubernetes-list-type", "x-kubernetes-list-map-keys",
  ]

  /// The violations under `schema`, each as `path: problem`.
  static func violations(_ schema: JSONValue, path: String = "") -> [String] {
    guard let node = schema.objectValue else { return ["\(path): not an object"] }
    var found = node.keys.filter { !keywords.contains($0) }.map { "\(path): unknown keyword \($0)" }
    let type = schema["type"]?.stringValue
    if schema["x-kubernetes-int-or-string"]?.boolValue == true {
      if type != nil { found.append("\(path): int-or-string must not have a type") }
      if let anyOf = schema["anyOf"], anyOf != [["type": "integer"], ["type": "string"]] {
        found.append("\(path): int-or-string anyOf must be [integer, string]")
      }
    } else if !["object", "array", "string", "integer", "number", "boolean"].contains(type ?? "") {
      found.append("\(path): missing or bad type \(type ?? "nil")")
    }
    found += objectViolations(schema, path: path)
    found += valueViolations(schema, path: path)
    if type == "array" {
      if let items = schema["items"] {
        found += violations(items, path: "\(path)[]")
      } else {
        found.append("\(path): array without items")
      }
      found += listMapViolations(schema, path: path)
    }
    return found
  }

  private static func objectViolations(_ schema: JSONValue, path: String) -> [String] {
    var found: [String] = []
    let properties = schema["properties"]?.objectValue
    if properties != nil || schema["additionalProperties"] != nil, schema["type"]?.stringValue != "object" {
      found.append("\(path): properties on a node that is not type object")
    }
    if properties != nil, schema["additionalProperties"] != nil {
      found.append("\(path): properties and additionalProperties together")
    }
    for (key, child) in properties ?? [:] {
      found += violations(child, path: path.isEmpty ? key : "\(path).\(key)")
    }
    if let additional = schema["additionalProperties"], additional.objectValue != nil {
      found += violations(additional, path: "\(path){}")
    }
    for name in (schema["required"]?.arrayValue ?? []).compactMap(\.stringValue) where properties?[name] == nil {
      found.append("\(path): required \(name) is not a property")
    }
    return found
  }

  private static func valueViolations(_ schema: JSONValue, path: String) -> [String] {
    var found: [String] = []
    if let value = schema["default"] {
      found += SchemaValidator.problems(value, schema: schema, path: path).map { "default \($0)" }
    }
    for value in schema["enum"]?.arrayValue ?? [] {
      var plain = schema
      plain["enum"] = Optional<JSONValue>.none
      found += SchemaValidator.problems(value, schema: plain, path: path).map { "enum \($0)" }
    }
    if let pattern = schema["pattern"]?.stringValue {
      if (try? NSRegularExpression(pattern: pattern)) == nil { found.append("\(path): pattern does not compile") }
      if ["(?=", "(?!", "(?<=", "(?<!", "\\1"].contains(where: pattern.contains) {
        found.append("\(path): pattern uses a construct RE2 lacks")
      }
    }
    return found
  }

  private static func listMapViolations(_ schema: JSONValue, path: String) -> [String] {
    guard schema["x-kubernetes-list-type"]?.stringValue == "map" else { return [] }
    let keys = (schema["x-kubernetes-list-map-keys"]?.arrayValue ?? []).compactMap(\.stringValue)
    let required = Set((schema[path: ["items", "required"]]?.arrayValue ?? []).compactMap(\.stringValue))
    if keys.isEmpty { return ["\(path): list map without keys"] }
    return keys.filter { !required.contains($0) && schema[path: ["items", "properties", $0, "default"]] == nil }
      .map { "\(path): list map key \($0) is neither required nor defaulted" }
  }
}
