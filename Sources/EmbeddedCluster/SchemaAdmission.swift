import Foundation
import KubeCore
import OrderedCollections
import Synchronization

/// Structural-schema admission for custom resources, as apiextensions-apiserver does it: nulls in
/// non-nullable fields and unknown fields are pruned, defaults are filled in, and every value is
/// checked against type, enum, bounds, length, pattern and item limits. Every bad field is reported.
struct SchemaAdmission {
  /// The admitted object and what was found on the way.
  struct Result {
    var object: JSONValue
    var errors: [FieldError]
    /// Paths of fields the schema does not know (pruned), for `fieldValidation` Strict and Warn.
    var unknownFields: [String]
  }

  private var errors: [FieldError] = []
  private var unknownFields: [String] = []

  /// Admits `object` against a CRD version's `openAPIV3Schema`.
  static func admit(_ object: JSONValue, schema: JSONValue) -> Result {
    var admission = SchemaAdmission()
    guard case .object(var members) = object else {
      return Result(
        object: object, errors: [FieldError(field: "", reason: .typeInvalid, message: "must be an object")],
        unknownFields: [])
    }
    let properties = schema["properties"]?.objectValue ?? [:]
    let preserve = schema["x-kubernetes-preserve-unknown-fields"]?.boolValue == true
    for (key, value) in members where !["apiVersion", "kind", "metadata"].contains(key) {
      if let propertySchema = properties[key] {
        members[key] = admission.process(value, schema: propertySchema, path: key)
      } else if !preserve {
        admission.unknownFields.append(key)
        members.removeValue(forKey: key)
      }
    }
    for (key, propertySchema) in properties
    where members[key] == nil && !["apiVersion", "kind", "metadata"].contains(key) {
      if let defaultValue = propertySchema["default"] {
        members[key] = admission.process(defaultValue, schema: propertySchema, path: key)
      }
    }
    admission.checkRequired(members, schema: schema, path: "")
    return Result(object: .object(members), errors: admission.errors, unknownFields: admission.unknownFields)
  }

  private mutating func process(_ value: JSONValue, schema: JSONValue, path: String) -> JSONValue {
    if schema["x-kubernetes-int-or-string"]?.boolValue == true {
      switch value {
      case .int, .string: return value
      case .double(let number) where number.rounded() == number: return .int(Int64(number))
      default:
        fail(path, .typeInvalid, value, "\(path) in body must be of type int-or-string: \"\(value.typeName)\"")
        return value
      }
    }
    guard checkType(value, schema: schema, path: path) else { return value }
    switch value {
    case .object(let members): return .object(processObject(members, schema: schema, path: path))
    case .array(let elements): return .array(processArray(elements, schema: schema, path: path))
    default:
      checkScalar(value, schema: schema, path: path)
      return value
    }
  }

  private mutating func checkType(_ value: JSONValue, schema: JSONValue, path: String) -> Bool {
    guard let type = schema["type"]?.stringValue else { return true }
    let matches: Bool
    switch (type, value) {
    case ("object", .object), ("array", .array), ("string", .string), ("boolean", .bool), ("number", .int),
      ("number", .double), ("integer", .int):
      matches = true
    case ("integer", .double(let number)): matches = number.rounded() == number
    default: matches = false
    }
    if !matches {
      fail(path, .typeInvalid, value, "\(path) in body must be of type \(type): \"\(value.typeName)\"")
    }
    return matches
  }

  private mutating func processObject(
    _ input: OrderedDictionaryMembers, schema: JSONValue, path: String
  ) -> OrderedDictionaryMembers {
    var members = input
    let properties = schema["properties"]?.objectValue
    let additional = schema["additionalProperties"]
    let preserve = schema["x-kubernetes-preserve-unknown-fields"]?.boolValue == true
    for (key, child) in input {
      let childPath = path.isEmpty ? key : "\(path).\(key)"
      if child.isNull, !(Self.childSchema(key, properties, additional)?["nullable"]?.boolValue ?? false) {
        members.removeValue(forKey: key)
      } else if let childSchema = Self.childSchema(key, properties, additional) {
        members[key] = process(child, schema: childSchema, path: childPath)
      } else if !preserve && (properties != nil || additional?.boolValue == false) && additional?.boolValue != true {
        unknownFields.append(childPath)
        members.removeValue(forKey: key)
      }
    }
    for (key, childSchema) in properties ?? [:] where members[key] == nil {
      if let defaultValue = childSchema["default"] {
        members[key] = process(defaultValue, schema: childSchema, path: path.isEmpty ? key : "\(path).\(key)")
      }
    }
    checkRequired(members, schema: schema, path: path)
    if let limit = schema["maxProperties"]?.intValue, members.count > limit {
      fail(path, .tooMany, nil, "must have at most \(limit) items")
    }
    return members
  }

  private static func childSchema(
    _ key: String, _ properties: OrderedDictionaryMembers?, _ additional: JSONValue?
  ) -> JSONValue? {
    if let schema = properties?[key] { return schema }
    if let additional, additional.objectValue != nil { return additional }
    return nil
  }

  private mutating func processArray(_ input: [JSONValue], schema: JSONValue, path: String) -> [JSONValue] {
    if let limit = schema["maxItems"]?.intValue, input.count > limit {
      errors.append(
        FieldError(field: path, reason: .tooMany, message: "Too many: \(input.count): must have at most \(limit) items")
      )
    }
    if let limit = schema["minItems"]?.intValue, input.count < limit {
      fail(path, .invalid, nil, "\(path) in body should have at least \(limit) items")
    }
    guard let itemSchema = schema["items"] else { return input }
    return input.enumerated().map { index, element in
      process(element, schema: itemSchema, path: "\(path)[\(index)]")
    }
  }

  private mutating func checkRequired(_ members: OrderedDictionaryMembers, schema: JSONValue, path: String) {
    for required in (schema["required"]?.arrayValue ?? []).compactMap(\.stringValue) where members[required] == nil {
      errors.append(
        FieldError(field: path.isEmpty ? required : "\(path).\(required)", reason: .required, message: "Required value")
      )
    }
  }

  private mutating func checkScalar(_ value: JSONValue, schema: JSONValue, path: String) {
    if let allowed = schema["enum"]?.arrayValue, !allowed.contains(value) {
      let list = allowed.map(\.jsonString).joined(separator: ", ")
      errors.append(
        FieldError(
          field: path, reason: .notSupported,
          message: "Unsupported value: \(value.jsonString): supported values: \(list)"))
    }
    if let number = value.doubleValue {
      if let minimum = schema["minimum"]?.doubleValue, number < minimum {
        fail(path, .invalid, value, "\(path) in body should be greater than or equal to \(Self.format(minimum))")
      }
      if let maximum = schema["maximum"]?.doubleValue, number > maximum {
        fail(path, .invalid, value, "\(path) in body should be less than or equal to \(Self.format(maximum))")
      }
    }
    guard let text = value.stringValue else { return }
    if let limit = schema["maxLength"]?.intValue, text.count > limit {
      errors.append(FieldError(field: path, reason: .tooLong, message: "Too long: may not be more than \(limit) bytes"))
    }
    if let limit = schema["minLength"]?.intValue, text.count < limit {
      fail(path, .invalid, value, "\(path) in body should be at least \(limit) chars long")
    }
    if let pattern = schema["pattern"]?.stringValue, !Self.matches(text, pattern: pattern) {
      fail(path, .invalid, value, "\(path) in body should match '\(pattern)'")
    }
  }

  private mutating func fail(_ path: String, _ reason: FieldError.Reason, _ value: JSONValue?, _ detail: String) {
    let prefix = value.map { "Invalid value: \($0.jsonString): " } ?? "Invalid value: "
    errors.append(FieldError(field: path, reason: reason, message: prefix + detail))
  }

  private static func format(_ number: Double) -> String {
    number.rounded() == number ? String(Int64(number)) : String(number)
  }

  private static let patternCache = Mutex<[String: NSRegularExpression]>([:])

  private static func matches(_ text: String, pattern: String) -> Bool {
    let expression = patternCache.withLock { cache -> NSRegularExpression? in
      if let cached = cache[pattern] { return cached }
      let compiled = try? NSRegularExpression(pattern: pattern)
      cache[pattern] = compiled
      return compiled
    }
    guard let expression else { return true }
    let range = NSRange(text.startIndex..., in: text)
    return expression.firstMatch(in: text, range: range) != nil
  }
}

typealias OrderedDictionaryMembers = OrderedDictionary<String, JSONValue>
