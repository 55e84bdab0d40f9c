import AIResources
import Foundation
import KubeCore

/// Checks a request's `context` object against the route's ModelContextSchema (the Model
/// Context Protocol envelope the route accepts): every required field present, every field of
/// its declared type, strings matching their `validationRegex`. Pure; the answer names every
/// problem, so a client fixes them in one go.
struct ContextValidator {
  let schema: ModelContextSchema.Spec

  /// One message per problem, each naming its field as `context.<name>`; empty when valid.
  func problems(in context: JSONValue?) -> [String] {
    guard let context else {
      let required = schema.contextFields.filter { $0.required == true }.map(\.name)
      return required.isEmpty
        ? [] : ["context: required (the route's schema requires \(required.joined(separator: ", ")))"]
    }
    guard context.objectValue != nil else { return ["context: must be an object"] }
    var problems: [String] = []
    for field in schema.contextFields {
      let path = "context.\(field.name)"
      guard let value = context[field.name], value != .null else {
        if field.required == true { problems.append("\(path): required") }
        continue
      }
      if let problem = Self.typeProblem(value, field.type) {
        problems.append("\(path): \(problem)")
      } else if let pattern = field.validationRegex, case .string(let text) = value,
        text.range(of: pattern, options: .regularExpression) == nil
      {
        problems.append("\(path): \"\(text)\" does not match \(pattern)")
      }
    }
    return problems
  }

  static func typeProblem(_ value: JSONValue, _ type: ModelContextSchema.Spec.Field.FieldType) -> String? {
    let ok: Bool
    switch (type, value) {
    case (.string, .string), (.boolean, .bool), (.number, .int), (.number, .double), (.object, .object), (.json, _):
      ok = true
    case (.stringArray, .array(let items)): ok = items.allSatisfy { if case .string = $0 { true } else { false } }
    default: ok = false
    }
    return ok ? nil : "must be \(type.rawValue), not \(value.typeName)"
  }
}
