import Foundation
import KubeCore

/// What `r` opens on an AICluster or InferenceService: its ControllerRevisions, newest first, each
/// with its age, the model it ran and what rolling back to it would change, the selected one's
/// changes shown as a diff against the current spec. Built from the console's cache alone, so it
/// opens at once; the rollback itself reads the object afresh.
struct RollbackPicker: Equatable, Sendable {
  /// One revision in the picker.
  struct Entry: Equatable, Sendable {
    var number: Int64
    var age: String
    /// The model and version (or `modelRef`) it ran.
    var holds: String
    /// The spec fields rolling back to it changes; none for the revision the spec matches.
    var changes: [FieldChange]

    var isCurrent: Bool { changes.isEmpty }
  }

  var target: ObjectIdentity
  var entries: [Entry]
  var selected: Int

  /// The picker for `object`, or why there is nothing to roll back to.
  static func make(
    _ target: ObjectIdentity, object: JSONValue, revisions items: [JSONValue], now: Date
  ) throws(OperationError) -> RollbackPicker {
    guard let kind = OperationKind(target), kind != .modelRoute else {
      throw OperationError(.badInput, "a \(target.kind) has no revisions to roll back to")
    }
    let uid = object[path: ["metadata", "uid"]]?.stringValue ?? ""
    let revisions = RollbackPlan.revisions(items, ownerUID: uid).reversed()
    let created: [String: String] = Dictionary(
      items.map {
        (
          $0[path: ["metadata", "name"]]?.stringValue ?? "",
          $0[path: ["metadata", "creationTimestamp"]]?.stringValue ?? ""
        )
      },
      uniquingKeysWith: { first, _ in first })
    var entries: [Entry] = []
    for revision in revisions {
      entries.append(
        Entry(
          number: revision.number, age: DetailTime.age(created[revision.name], now: now),
          holds: DetailRevision.holds(revision.data),
          changes: try RollbackPlan.changes(kind, spec: object["spec"] ?? .emptyObject, data: revision.data)))
    }
    guard entries.contains(where: { !$0.isCurrent }) else {
      throw OperationError(.badInput, "\(target.description) has no earlier revision to roll back to")
    }
    // As `aiconsole rollback` does by default: the newest revision older than the current one.
    let current = entries.firstIndex(where: \.isCurrent) ?? -1
    let previous = entries.indices.first { $0 > current && !entries[$0].isCurrent }
    return RollbackPicker(
      target: target, entries: entries, selected: previous ?? entries.firstIndex { !$0.isCurrent } ?? 0)
  }

  /// The revision under the cursor.
  var entry: Entry { entries[selected] }

  mutating func move(by delta: Int) {
    selected = min(max(0, selected + delta), entries.count - 1)
  }

  /// What the changes column says: `modelVersion 2 → 1`, or `current`.
  static func summary(_ entry: Entry) -> String {
    guard !entry.isCurrent else { return "(current spec)" }
    return entry.changes.map { change in
      "\(change.path.dropFirst().joined(separator: ".")) \(FieldChange.text(change.old)) → \(FieldChange.text(change.new))"
    }.joined(separator: ", ")
  }
}
