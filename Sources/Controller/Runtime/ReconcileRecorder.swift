import AIResources
import ClusterClient
import Foundation
import KubeCore

/// Writes what a reconcile did into the object's `status.reconcile` (DESIGN.md) and, unless it
/// failed, `status.observedGeneration`: a merge patch of the status subresource, which touches
/// only those fields and so never conflicts with the reconciler's own status writes.
struct ReconcileRecorder: Sendable {
  let client: KubeClient
  let resource: APIResource

  /// What the object looked like when the reconcile began.
  struct Start: Sendable {
    var time = ContinuousClock.now
    var generation: Int64?
    /// The change the reconcile acts on (`ChangeStamp.acted(on:)`).
    var changeID: String?

    init(_ object: JSONValue?) {
      generation = object?[path: ["metadata", "generation"]]?.intValue
      changeID = object.flatMap(ChangeStamp.acted(on:))
    }
  }

  func record(
    _ key: NamespacedName, start: Start, reconcileID: String, result: ReconcileState.Result, message: String?
  ) async {
    let elapsed = ContinuousClock.now - start.time
    var state = ReconcileState(
      lastTime: LogTimestamp(Date()).rfc3339Seconds,
      durationMillis: elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000,
      result: result, message: message, reconcileID: reconcileID, changeID: start.changeID)
    state.lastChange = start.changeID.map { .init(changeID: $0, generation: start.generation, of: state) }
    guard var encoded = try? JSONParser.parse(Array(JSONEncoder().encode(state))) else { return }
    // In a merge patch an absent member keeps the old value; null removes it. `lastChange` is
    // absent when this reconcile acted on no change, so the one that did stays recorded.
    for key in ["message", "changeID"] where encoded[key] == nil { encoded[key] = JSONValue.null }
    var status: JSONValue = ["reconcile": encoded]
    if result != .error, let generation = start.generation { status["observedGeneration"] = .int(generation) }
    // A deleted object has no status to write, and a failed write is repaired by the next reconcile.
    _ = try? await client.patch(
      resource, name: key.name, namespace: key.namespace, .merge(["status": status]), subresource: "status")
  }
}
