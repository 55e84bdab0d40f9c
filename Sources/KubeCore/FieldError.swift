/// One invalid field of an object, as admission reports it and as `Status.details.causes` carries it.
public struct FieldError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The kind of problem, as Kubernetes spells it in `causes[].reason`.
  public enum Reason: String, Sendable {
    case invalid = "FieldValueInvalid"
    case required = "FieldValueRequired"
    case notSupported = "FieldValueNotSupported"
    case duplicate = "FieldValueDuplicate"
    case tooLong = "FieldValueTooLong"
    case tooMany = "FieldValueTooMany"
    case typeInvalid = "FieldValueTypeInvalid"
    case forbidden = "FieldValueForbidden"
  }

  /// The field's path, e.g. `spec.replicas` or `spec.backends[0].weight`.
  public var field: String
  /// The kind of problem.
  public var reason: Reason
  /// A sentence saying what is wrong, starting with the value when there is one.
  public var message: String

  /// A field error.
  public init(field: String, reason: Reason, message: String) {
    self.field = field
    self.reason = reason
    self.message = message
  }

  /// The full message as `kubectl` prints it: `spec.replicas: Invalid value: -1: should be >= 0`.
  public var description: String { "\(field): \(message)" }
}
