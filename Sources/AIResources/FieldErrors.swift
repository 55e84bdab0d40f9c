import KubeCore

/// Builds field errors worded as Kubernetes' `field.ErrorList` words them, so that `kubectl` users
/// read the messages they know: `Invalid value: 150: must be no more than 100`, `Required value`,
/// `Duplicate value: "x"`, `Forbidden: ...`.
enum FieldErrors {
  /// `Invalid value: <value>: <detail>`, the value written as JSON (strings quoted).
  static func invalid(_ field: String, _ value: JSONValue, _ detail: String) -> FieldError {
    FieldError(field: field, reason: .invalid, message: "Invalid value: \(value.jsonString): \(detail)")
  }

  /// `Required value`, with a detail when there is one.
  static func required(_ field: String, _ detail: String = "") -> FieldError {
    FieldError(
      field: field, reason: .required, message: detail.isEmpty ? "Required value" : "Required value: \(detail)")
  }

  /// `Forbidden: <detail>`.
  static func forbidden(_ field: String, _ detail: String) -> FieldError {
    FieldError(field: field, reason: .forbidden, message: "Forbidden: \(detail)")
  }

  /// `Duplicate value: <value>`.
  static func duplicate(_ field: String, _ value: JSONValue) -> FieldError {
    FieldError(field: field, reason: .duplicate, message: "Duplicate value: \(value.jsonString)")
  }

  /// `Too long: may not be more than <limit> bytes`.
  static func tooLong(_ field: String, limit: Int) -> FieldError {
    FieldError(field: field, reason: .tooLong, message: "Too long: may not be more than \(limit) bytes")
  }

  /// A `Duplicate value` error for each item of `list` whose `key` repeats an earlier item's.
  static func duplicates(in list: JSONValue?, key: String, field: String) -> [FieldError] {
    var seen = Set<String>()
    var errors: [FieldError] = []
    for (index, item) in (list?.arrayValue ?? []).enumerated() {
      guard let value = item[key]?.stringValue else { continue }
      if !seen.insert(value).inserted {
        errors.append(duplicate("\(field)[\(index)].\(key)", .string(value)))
      }
    }
    return errors
  }
}
