import KubeCore

/// The fields a server-side apply would take from other managers without `force`, as the 409
/// kube-apiserver answers: one `FieldManagerConflict` cause per field, and a message naming each
/// manager and its fields.
struct ApplyConflict: Sendable {
  var conflicts: [(manager: String, path: String)]

  init(_ conflicts: [(ManagedFieldsEntry, FieldPath)]) {
    self.conflicts = conflicts.map { ($0.0.conflictName, $0.1.pathText) }
  }

  /// `Apply failed with 1 conflict: conflict with "alice": .spec.replicas`, or for several the
  /// managers in order, each with its fields on lines of their own.
  var message: String {
    if conflicts.count == 1, let only = conflicts.first {
      return "Apply failed with 1 conflict: conflict with \(only.manager): \(only.path)"
    }
    var lines: [String] = []
    for manager in Set(conflicts.map(\.manager)).sorted() {
      lines.append("conflicts with \(manager):")
      lines += conflicts.filter { $0.manager == manager }.map { "- \($0.path)" }
    }
    return "Apply failed with \(conflicts.count) conflicts: " + lines.joined(separator: "\n")
  }

  var status: StatusError {
    let causes = conflicts.map { conflict -> JSONValue in
      [
        "reason": "FieldManagerConflict", "message": .string("conflict with \(conflict.manager)"),
        "field": .string(conflict.path),
      ]
    }
    return StatusError(code: 409, reason: "Conflict", message: message, details: ["causes": .array(causes)])
  }
}
