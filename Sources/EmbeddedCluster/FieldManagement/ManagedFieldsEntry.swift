import KubeCore

/// One entry of `metadata.managedFields`: a manager, the operation it owns its fields through
/// (`Update` or `Apply`), the subresource it wrote, and the fields.
struct ManagedFieldsEntry: Hashable, Sendable {
  enum Operation: String, Sendable, Hashable {
    case apply = "Apply"
    case update = "Update"
  }

  var manager: String
  var operation: Operation
  var apiVersion: String
  /// `status` or `scale` for a subresource's writes; nil for the object itself.
  var subresource: String?
  /// When the manager last changed the object (RFC 3339 seconds); a scale subresource's entry
  /// has none, as kube-apiserver's scale handler drops it.
  var time: String?
  var fields: FieldSet

  /// Who the entry belongs to: an applier is one manager whatever version it applied; an
  /// updater is one per version.
  struct Identity: Hashable, Sendable {
    var manager: String
    var operation: Operation
    var subresource: String?
    var apiVersion: String?
  }

  var identity: Identity {
    Identity(
      manager: manager, operation: operation, subresource: subresource,
      apiVersion: operation == .apply ? nil : apiVersion)
  }

  /// The entry as the API shows it.
  var json: JSONValue {
    var entry: JSONValue = [
      "apiVersion": .string(apiVersion), "fieldsType": "FieldsV1", "fieldsV1": fields.fieldsV1,
      "manager": .string(manager), "operation": .string(operation.rawValue),
    ]
    if let subresource { entry["subresource"] = .string(subresource) }
    if let time { entry["time"] = .string(time) }
    return entry
  }

  /// An entry read from an object; refused with the field that is wrong.
  init(json: JSONValue, index: Int) throws(StatusError) {
    let field = "metadata.managedFields[\(index)]"
    let manager = json["manager"]?.stringValue ?? ""
    guard let operation = json["operation"]?.stringValue.flatMap(Operation.init(rawValue:)) else {
      throw StatusError.badRequest("\(field).operation: must be Apply or Update")
    }
    guard (json["fieldsType"]?.stringValue ?? "FieldsV1") == "FieldsV1" else {
      throw StatusError.badRequest("\(field).fieldsType: must be FieldsV1")
    }
    self.manager = manager
    self.operation = operation
    apiVersion = json["apiVersion"]?.stringValue ?? ""
    subresource = json["subresource"]?.stringValue
    time = json["time"]?.stringValue
    fields = try FieldSet(fieldsV1: json["fieldsV1"] ?? .emptyObject)
  }

  init(
    manager: String, operation: Operation, apiVersion: String, subresource: String?, time: String?, fields: FieldSet
  ) {
    self.manager = manager
    self.operation = operation
    self.apiVersion = apiVersion
    self.subresource = subresource
    self.time = time
    self.fields = fields
  }

  /// How a conflict names the manager: `"alice"`, or for an updater
  /// `"kubectl-create" using ai.aiconsole.dev/v1 at 2026-12-06T01:46:30Z`.
  var conflictName: String {
    var name = "\"\(manager)\""
    if let subresource { name += " with subresource \"\(subresource)\"" }
    guard operation == .update else { return name }
    return name + " using \(apiVersion)" + (time.map { " at \($0)" } ?? "")
  }

  /// kube-apiserver's order: appliers first, then by time (none first), manager, version, subresource.
  static func ordered(_ lhs: ManagedFieldsEntry, _ rhs: ManagedFieldsEntry) -> Bool {
    if lhs.operation != rhs.operation { return lhs.operation == .apply }
    let (left, right) = (lhs.time ?? "", rhs.time ?? "")
    if left != right { return left < right }
    if lhs.manager != rhs.manager { return lhs.manager < rhs.manager }
    if lhs.apiVersion != rhs.apiVersion { return lhs.apiVersion < rhs.apiVersion }
    return (lhs.subresource ?? "") < (rhs.subresource ?? "")
  }
}
