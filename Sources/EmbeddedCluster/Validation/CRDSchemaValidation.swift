import Foundation
import KubeCore

/// The checks apiextensions-apiserver makes on a version's `openAPIV3Schema`: known types,
/// compilable patterns, and the structural-schema rules (object at the root, a type on every
/// property and array item, items as one schema, properties and additionalProperties exclusive).
enum CRDSchemaValidation {
  static let types = ["array", "boolean", "integer", "number", "object", "string"]

  static func errors(_ schema: JSONValue, path: String) -> [FieldError] {
    var errors: [FieldError] = []
    let type = schema["type"]?.stringValue ?? ""
    if !type.isEmpty, type != "object" {
      errors.append(ObjectMetaValidation.invalid("\(path).type", type, "must be object at the root"))
    }
    if type.isEmpty, schema["x-kubernetes-preserve-unknown-fields"]?.boolValue != true {
      errors.append(
        FieldError(field: "\(path).type", reason: .required, message: "Required value: must not be empty at the root"))
    }
    walk(schema, path: path, specified: nil, into: &errors)
    return errors
  }

  /// `specified` names what kind of node this is ("object fields", "array items") when its type is required.
  private static func walk(_ schema: JSONValue, path: String, specified: String?, into errors: inout [FieldError]) {
    let type = schema["type"]?.stringValue ?? ""
    let intOrString = schema["x-kubernetes-int-or-string"]?.boolValue == true
    let preserve = schema["x-kubernetes-preserve-unknown-fields"]?.boolValue == true
    if !type.isEmpty, !types.contains(type) {
      errors.append(CRDValidation.notSupported("\(path).type", type, types))
    }
    if type.isEmpty, let specified, !intOrString, !preserve {
      errors.append(
        FieldError(
          field: "\(path).type", reason: .required,
          message: "Required value: must not be empty for specified \(specified)"))
    }
    if intOrString, !type.isEmpty {
      errors.append(
        ObjectMetaValidation.invalid("\(path).type", type, "must be empty if x-kubernetes-int-or-string is true"))
    }
    if let pattern = schema["pattern"]?.stringValue, let problem = PatternCheck.error(in: pattern) {
      errors.append(
        ObjectMetaValidation.invalid(
          "\(path).pattern", pattern, "must be a valid regular expression, but isn't: \(problem)"))
    }
    if type == "array", schema["items"] == nil {
      errors.append(FieldError(field: "\(path).items", reason: .required, message: "Required value: must be specified"))
    }
    if schema["properties"] != nil, let additional = schema["additionalProperties"], additional.boolValue != false {
      errors.append(
        FieldError(
          field: "\(path).additionalProperties", reason: .forbidden,
          message: "Forbidden: additionalProperties and properties are mutual exclusive"))
    }
    for (name, child) in schema["properties"]?.objectValue ?? [:] {
      walk(child, path: "\(path).properties[\(name)]", specified: "object fields", into: &errors)
    }
    switch schema["items"] {
    case .object?: walk(schema["items"]!, path: "\(path).items", specified: "array items", into: &errors)
    case .array?:
      errors.append(
        FieldError(
          field: "\(path).items", reason: .forbidden,
          message: "Forbidden: items must be a schema object and not an array"))
    default: break
    }
    if let additional = schema["additionalProperties"], additional.objectValue != nil {
      walk(additional, path: "\(path).additionalProperties", specified: "object fields", into: &errors)
    }
    for keyword in ["allOf", "anyOf", "oneOf"] {
      for (index, child) in (schema[keyword]?.arrayValue ?? []).enumerated() {
        walk(child, path: "\(path).\(keyword)[\(index)]", specified: nil, into: &errors)
      }
    }
  }
}

/// Whether a schema `pattern` compiles. Go compiles it with RE2 and Foundation here with ICU;
/// a pattern that fails in ICU is refused, as a real server would refuse one RE2 cannot compile.
enum PatternCheck {
  static func error(in pattern: String) -> String? {
    do {
      _ = try NSRegularExpression(pattern: pattern)
      return nil
    } catch {
      return "error parsing regexp: invalid pattern `\(pattern)`"
    }
  }
}
