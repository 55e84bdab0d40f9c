import Foundation
import KubeCore

/// A small OpenAPI v3 validator for the tests: the checks apiextensions-apiserver makes on a custom
/// resource (type, unknown fields, required, enum, bounds, lengths, patterns, item counts,
/// int-or-string), reporting `path: problem` lines. Unknown fields are problems here, because a
/// real server would prune them and a sample must not carry any.
enum SchemaValidator {
  /// The problems of `value` against `schema`.
  static func problems(_ value: JSONValue, schema: JSONValue, path: String = "") -> [String] {
    if schema["x-kubernetes-int-or-string"]?.boolValue == true {
      switch value {
      case .int: return []
      case .string(let text): return patternProblems(text, schema: schema, path: path)
      default: return ["\(path): must be int-or-string"]
      }
    }
    if let type = schema["type"]?.stringValue, !matches(value, type: type) {
      return ["\(path): must be of type \(type), not \(value.typeName)"]
    }
    var problems: [String] = []
    if let allowed = schema["enum"]?.arrayValue, !allowed.contains(value) {
      problems.append("\(path): \(value.jsonString) is not one of \(allowed.map(\.jsonString))")
    }
    switch value {
    case .object: problems += objectProblems(value, schema: schema, path: path)
    case .array(let elements): problems += arrayProblems(elements, schema: schema, path: path)
    case .string(let text): problems += stringProblems(text, schema: schema, path: path)
    case .int, .double: problems += numberProblems(value.doubleValue ?? 0, schema: schema, path: path)
    default: break
    }
    return problems
  }

  private static func matches(_ value: JSONValue, type: String) -> Bool {
    switch (type, value) {
    case ("object", .object), ("array", .array), ("string", .string), ("boolean", .bool), ("integer", .int),
      ("number", .int), ("number", .double):
      return true
    default:
      return false
    }
  }

  private static func objectProblems(_ object: JSONValue, schema: JSONValue, path: String) -> [String] {
    guard let members = object.objectValue else { return [] }
    var problems: [String] = []
    let properties = schema["properties"]?.objectValue
    let additional = schema["additionalProperties"]
    let preserve = schema["x-kubernetes-preserve-unknown-fields"]?.boolValue == true
    let isRoot = path.isEmpty
    for (key, child) in members {
      let childPath = isRoot ? key : "\(path).\(key)"
      if isRoot, key == "metadata" { continue }
      if let childSchema = properties?[key] ?? additional.flatMap({ $0.objectValue == nil ? nil : $0 }) {
        problems += Self.problems(child, schema: childSchema, path: childPath)
      } else if !preserve, properties != nil || additional != nil {
        problems.append("\(childPath): unknown field")
      }
    }
    for required in (schema["required"]?.arrayValue ?? []).compactMap(\.stringValue) where members[required] == nil {
      problems.append("\(isRoot ? required : "\(path).\(required)"): required")
    }
    if let limit = schema["maxProperties"]?.intValue, members.count > limit {
      problems.append("\(path): more than \(limit) properties")
    }
    return problems
  }

  private static func arrayProblems(_ elements: [JSONValue], schema: JSONValue, path: String) -> [String] {
    var problems: [String] = []
    if let limit = schema["maxItems"]?.intValue, elements.count > limit {
      problems.append("\(path): more than \(limit) items")
    }
    if let limit = schema["minItems"]?.intValue, elements.count < limit {
      problems.append("\(path): fewer than \(limit) items")
    }
    if let items = schema["items"] {
      for (index, element) in elements.enumerated() {
        problems += Self.problems(element, schema: items, path: "\(path)[\(index)]")
      }
    }
    return problems
  }

  private static func stringProblems(_ text: String, schema: JSONValue, path: String) -> [String] {
    var problems = patternProblems(text, schema: schema, path: path)
    if let limit = schema["maxLength"]?.intValue, text.count > limit {
      problems.append("\(path): longer than \(limit)")
    }
    if let limit = schema["minLength"]?.intValue, text.count < limit {
      problems.append("\(path): shorter than \(limit)")
    }
    return problems
  }

  private static func patternProblems(_ text: String, schema: JSONValue, path: String) -> [String] {
    guard let pattern = schema["pattern"]?.stringValue else { return [] }
    guard let expression = try? NSRegularExpression(pattern: pattern) else {
      return ["\(path): pattern \(pattern) does not compile"]
    }
    let found = expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    return found ? [] : ["\(path): \(text.debugDescription) does not match \(pattern)"]
  }

  private static func numberProblems(_ number: Double, schema: JSONValue, path: String) -> [String] {
    var problems: [String] = []
    if let minimum = schema["minimum"]?.doubleValue, number < minimum {
      problems.append("\(path): less than \(minimum)")
    }
    if let maximum = schema["maximum"]?.doubleValue, number > maximum {
      problems.append("\(path): more than \(maximum)")
    }
    return problems
  }
}
