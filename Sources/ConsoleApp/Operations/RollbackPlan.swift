import AIResources
import Controller
import KubeCore

/// The rollback of an AICluster or InferenceService to one of its ControllerRevisions: which
/// revision, and the spec fields that restore it. The controller stores an AICluster's instance
/// template (`InstanceTemplate`) and an InferenceService's `modelRef` in each revision's `data`,
/// numbered in the order they were last current, so the newest matches the spec.
struct RollbackPlan: Sendable {
  /// One revision of the object.
  struct Revision: Sendable, Hashable {
    var number: Int64
    var name: String
    var data: JSONValue
  }

  /// The revision rolled back to.
  var revision: Revision
  /// The spec fields that restore it.
  var changes: [FieldChange]

  /// The revisions among `items` owned by the object with `ownerUID`, oldest first.
  static func revisions(_ items: [JSONValue], ownerUID: String) -> [Revision] {
    items.filter { item in
      item[path: ["metadata", "ownerReferences"]]?.arrayValue?.contains { $0["uid"]?.stringValue == ownerUID } == true
    }.map {
      Revision(
        number: $0["revision"]?.intValue ?? 0, name: $0[path: ["metadata", "name"]]?.stringValue ?? "",
        data: $0["data"] ?? .emptyObject)
    }.sorted { $0.number < $1.number }
  }

  /// The plan for `object`: to revision `number`, or else to the newest revision older than the
  /// one its spec matches (the newest that differs when none matches).
  static func choose(
    _ kind: OperationKind, object: JSONValue, revisions: [Revision], toRevision number: Int64?, target: String
  ) throws(OperationError) -> RollbackPlan {
    let spec = object["spec"] ?? .emptyObject
    let numbers = revisions.map { String($0.number) }.joined(separator: ", ")
    if let number {
      guard let revision = revisions.first(where: { $0.number == number }) else {
        let known = revisions.isEmpty ? "it has none" : "its revisions are \(numbers)"
        throw OperationError(.badInput, "\(target) has no revision \(number): \(known)")
      }
      let changes = try changes(kind, spec: spec, data: revision.data)
      guard !changes.isEmpty else {
        throw OperationError(.badInput, "\(target) already matches revision \(number): nothing to roll back")
      }
      return RollbackPlan(revision: revision, changes: changes)
    }
    var plans: [RollbackPlan] = []
    for revision in revisions {
      plans.append(RollbackPlan(revision: revision, changes: try changes(kind, spec: spec, data: revision.data)))
    }
    let current = plans.last { $0.changes.isEmpty }?.revision.number ?? Int64.max
    guard let previous = plans.last(where: { !$0.changes.isEmpty && $0.revision.number < current }) else {
      throw OperationError(.badInput, "\(target) has no previous revision to roll back to")
    }
    return previous
  }

  /// The spec fields that differ between `spec` and what revision `data` recorded.
  static func changes(_ kind: OperationKind, spec: JSONValue, data: JSONValue) throws(OperationError)
    -> [FieldChange]
  {
    do {
      switch kind {
      case .aiCluster:
        let current = InstanceTemplate(try spec.decode(as: AICluster.Spec.self))
        return templateChanges(from: current, to: try data.decode(as: InstanceTemplate.self), spec: spec)
      case .inferenceService:
        let path = ["spec", "modelRef", "name"]
        let old = spec[path: ["modelRef", "name"]]
        let new = data[path: ["modelRef", "name"]]
        return old == new ? [] : [FieldChange(path: path, old: old, new: new)]
      case .modelRoute:
        throw OperationError(.badInput, "an AIModelRoute has no revisions")
      }
    } catch let error as OperationError {
      throw error
    } catch {
      throw OperationError(.failed, "cannot read the revision: \(error)")
    }
  }

  private static func templateChanges(from old: InstanceTemplate, to new: InstanceTemplate, spec: JSONValue)
    -> [FieldChange]
  {
    var changes: [FieldChange] = []
    func compare(_ path: [String], _ before: JSONValue?, _ after: JSONValue?) {
      if before != after { changes.append(FieldChange(path: ["spec"] + path, old: before, new: after)) }
    }
    compare(["modelName"], .string(old.modelName), .string(new.modelName))
    compare(["modelVersion"], old.modelVersion.map(JSONValue.string), new.modelVersion.map(JSONValue.string))
    compare(["image"], old.image.map(JSONValue.string), new.image.map(JSONValue.string))
    if let resources = new.resources {
      let before = old.resources ?? ResourceRequests()
      compare(["resourceRequests", "cpu"], before.cpu.map(JSONValue.string), resources.cpu.map(JSONValue.string))
      compare(
        ["resourceRequests", "memory"], before.memory.map(JSONValue.string), resources.memory.map(JSONValue.string))
      compare(["resourceRequests", "gpu"], before.gpu.map(JSONValue.int64), resources.gpu.map(JSONValue.int64))
    } else if old.resources != nil {
      // Removed whole: an empty object left behind would be a different template (a new revision).
      compare(["resourceRequests"], spec["resourceRequests"], nil)
    }
    compare(["endpoint", "port"], .int(Int64(old.port)), .int(Int64(new.port)))
    return changes
  }
}

extension JSONValue {
  /// An integer value from an `Int`.
  fileprivate static func int64(_ value: Int) -> JSONValue { .int(Int64(value)) }
}
