import KubeCore

/// What one operation did: the edit it made, its change-id, the object after it, and one line
/// to tell the operator.
struct OperationResult: Sendable {
  /// The operation's name (`scale`, `rollback`, `canary-promote`, `route-edit` …).
  var action: String
  /// `kind/name` of the object edited (`aicluster/llama`).
  var target: String
  /// The change-id annotation the edit carried.
  var changeID: String
  /// The fields the edit changed.
  var changes: [FieldChange]
  /// The object as the server answered the edit (a `Scale` for a scale, the object otherwise).
  var object: JSONValue
  /// One line saying what was done (`aicluster/llama scaled to 3 (was 1)`).
  var summary: String
}
