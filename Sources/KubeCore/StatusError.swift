/// A Kubernetes API error, carried as the `Status` object a real API server answers with.
public struct StatusError: Error, Sendable, Hashable, CustomStringConvertible {
  /// HTTP status code (`code`).
  public var code: Int
  /// Machine-readable reason (`NotFound`, `Conflict`, `Invalid`, `Expired`, ...).
  public var reason: String
  /// Human-readable message.
  public var message: String
  /// `details` of the Status, when the error is about one object.
  public var details: JSONValue?

  /// An error with these fields.
  public init(code: Int, reason: String, message: String, details: JSONValue? = nil) {
    self.code = code
    self.reason = reason
    self.message = message
    self.details = details
  }

  public var description: String { "\(reason) (\(code)): \(message)" }

  /// The `Status` object as the server serializes it.
  public var status: JSONValue {
    var object: JSONValue = [
      "kind": "Status", "apiVersion": "v1", "metadata": .emptyObject, "status": "Failure",
      "message": .string(message), "reason": .string(reason),
    ]
    if let details { object["details"] = details }
    object["code"] = .int(Int64(code))
    return object
  }

  /// Reads a `Status` object back into an error; nil if `value` is not a failure Status.
  public init?(status value: JSONValue) {
    guard value["kind"]?.stringValue == "Status", let code = value["code"]?.intValue else { return nil }
    self.init(
      code: Int(code), reason: value["reason"]?.stringValue ?? "", message: value["message"]?.stringValue ?? "",
      details: value["details"])
  }
}

extension StatusError {
  private static func details(_ name: String?, group: String, kind: String) -> JSONValue {
    var details: JSONValue = .emptyObject
    if let name { details["name"] = .string(name) }
    // kube-apiserver omits an empty group (a core kind), as lease-missing-namespace-404.json shows.
    if !group.isEmpty { details["group"] = .string(group) }
    details["kind"] = .string(kind)
    return details
  }

  /// `404 NotFound` for a named object of a resource (`aiclusters.ai.example.com "x" not found`).
  public static func notFound(_ resource: GroupResource, name: String) -> StatusError {
    StatusError(
      code: 404, reason: "NotFound", message: "\(resource) \"\(name)\" not found",
      details: details(name, group: resource.group, kind: resource.resource))
  }

  /// `409 AlreadyExists` on create of an existing name.
  public static func alreadyExists(_ resource: GroupResource, name: String) -> StatusError {
    StatusError(
      code: 409, reason: "AlreadyExists", message: "\(resource) \"\(name)\" already exists",
      details: details(name, group: resource.group, kind: resource.resource))
  }

  /// `409 Conflict` for a write with a stale resourceVersion.
  public static func conflict(_ resource: GroupResource, name: String) -> StatusError {
    StatusError(
      code: 409, reason: "Conflict",
      message:
        "Operation cannot be fulfilled on \(resource) \"\(name)\": the object has been modified; please apply your changes to the latest version and try again",
      details: details(name, group: resource.group, kind: resource.resource))
  }

  /// `422 Invalid` naming every bad field.
  public static func invalid(kind: String, group: String, name: String, errors: [FieldError]) -> StatusError {
    let qualified = group.isEmpty ? kind : "\(kind).\(group)"
    let summary =
      errors.count == 1 ? errors[0].description : "[" + errors.map(\.description).joined(separator: ", ") + "]"
    var details = details(name, group: group, kind: kind)
    details["causes"] = .array(
      errors.map {
        ["reason": .string($0.reason.rawValue), "message": .string($0.message), "field": .string($0.field)]
      })
    return StatusError(
      code: 422, reason: "Invalid", message: "\(qualified) \"\(name)\" is invalid: \(summary)", details: details)
  }

  /// `400 BadRequest`.
  public static func badRequest(_ message: String) -> StatusError {
    StatusError(code: 400, reason: "BadRequest", message: message)
  }

  /// `410 Expired` for a resourceVersion older than the server keeps.
  public static func expired(_ message: String) -> StatusError {
    StatusError(code: 410, reason: "Expired", message: message)
  }

  /// `405 MethodNotAllowed`.
  public static func methodNotAllowed(_ message: String) -> StatusError {
    StatusError(code: 405, reason: "MethodNotAllowed", message: message)
  }

  /// `401 Unauthorized`.
  public static let unauthorized = StatusError(code: 401, reason: "Unauthorized", message: "Unauthorized")

  /// `500 InternalError`.
  public static func internalError(_ message: String) -> StatusError {
    StatusError(
      code: 500, reason: "InternalError", message: "Internal error occurred: \(message)",
      details: ["causes": [["message": .string(message)]]])
  }
}
