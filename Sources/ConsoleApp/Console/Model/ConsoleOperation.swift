import ClusterClient
import KubeCore

/// One change the operator asked for from the console: each becomes exactly one custom-resource
/// edit, carried out off the UI thread by the shared operations code.
enum ConsoleOperation: Equatable, Sendable {
  case scale(ObjectIdentity, replicas: Int)
  case pause(ObjectIdentity, paused: Bool)
  case canaryTraffic(ObjectIdentity, percent: Int)
  case canaryPromote(ObjectIdentity)
  case canaryAbort(ObjectIdentity)
  /// A canary for an InferenceService that has none, stepped by analysis or not.
  case canaryStart(ObjectIdentity, model: String, percent: Int, analysis: Bool)
  case delete(ObjectIdentity)
  /// Back to revision `toRevision`, whose changes the picker showed.
  case rollback(ObjectIdentity, toRevision: Int64)
  /// Replace an AIModelRoute with this object (from the form or the editor).
  case editRoute(ObjectIdentity, JSONValue)

  /// The object it edits.
  var target: ObjectIdentity {
    switch self {
    case .scale(let ref, _), .pause(let ref, _), .canaryTraffic(let ref, _), .canaryPromote(let ref),
      .canaryAbort(let ref), .canaryStart(let ref, _, _, _), .delete(let ref), .rollback(let ref, _),
      .editRoute(let ref, _):
      return ref
    }
  }

  /// What it does, in the activity pane's words.
  var summary: String {
    switch self {
    case .scale(let ref, let replicas): return "scale \(ref.description) to \(replicas)"
    case .pause(let ref, let paused): return "\(paused ? "pause" : "resume") \(ref.description)"
    case .canaryTraffic(let ref, let percent): return "canary of \(ref.description) to \(percent)%"
    case .canaryPromote(let ref): return "promote the canary of \(ref.description)"
    case .canaryAbort(let ref): return "abort the canary of \(ref.description)"
    case .canaryStart(let ref, let model, let percent, let analysis):
      return "start a canary of \(ref.description): \(model) at \(percent)%\(analysis ? " with analysis" : "")"
    case .delete(let ref): return "delete \(ref.description)"
    case .rollback(let ref, let revision): return "roll back \(ref.description) to revision \(revision)"
    case .editRoute(let ref, _): return "edit \(ref.description)"
    }
  }
}

/// One action in the activity pane: what was asked, its change-id, how the edit went, and the
/// reconcile that carried the same change-id.
struct ActivityRecord: Equatable, Sendable {
  /// Local sequence number, matching an action to its result.
  var id: Int
  var summary: String
  /// The object edited.
  var target: ObjectIdentity
  var changeID: String?
  /// nil while the edit is in flight; then `ok` or the server's message.
  var result: String?
  var failed = false
  /// `Success in 4ms` once a reconcile reports this change-id.
  var reconcile: String?
}
