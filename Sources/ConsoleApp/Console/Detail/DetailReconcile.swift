import Foundation
import KubeCore
import Views

/// What the controller last did with an object: whether it has seen the latest spec
/// (`metadata.generation` against `status.observedGeneration`) and how its last reconcile went
/// (`status.reconcile`, see DESIGN.md).
struct DetailReconcile: Hashable, Sendable {
  /// Whether the controller has caught up with the spec.
  enum Sync: Hashable, Sendable {
    /// The observed generation is the current one.
    case inSync
    /// The spec changed since the controller last finished with it.
    case pending
    /// The object reports no generation to compare.
    case unknown
  }

  /// `metadata.generation`.
  var generation: Int64?
  /// `status.observedGeneration` (or, failing that, the newest one its conditions carry).
  var observedGeneration: Int64?
  /// How the last reconcile ended: `Success`, `Error` or `Requeue`.
  var result: String?
  /// What went wrong or what it waits for.
  var message: String?
  /// How long the last reconcile took.
  var durationMillis: Int64?
  /// The ID its log lines carry.
  var reconcileID: String?
  /// The change ID of the edit it acted on, if it acted on one.
  var changeID: String?
  /// The last change the controller acted on and how that reconcile went, when the last
  /// reconcile acted on none (`Change ID … · Success · reconcile r-1 · 2m ago`).
  var lastChange: String?
  /// Time since it finished (`12s`).
  var since: String?
  /// When it will run again, when the controller said so or will retry a failure.
  var nextRetry: String?

  /// Whether the controller has caught up with the spec.
  var sync: Sync {
    guard let generation else { return .unknown }
    guard let observedGeneration else { return .pending }
    return observedGeneration >= generation ? .inSync : .pending
  }

  /// `in sync (generation 3)` or `pending reconcile (generation 4, observed 3)`.
  var syncText: String {
    switch sync {
    case .inSync: "in sync (generation \(generation ?? 0))"
    case .pending:
      "pending reconcile (generation \(generation ?? 0), observed \(observedGeneration.map(String.init) ?? "none"))"
    case .unknown: "no generation reported"
    }
  }

  /// The role the sync state is drawn in.
  var syncRole: ThemeRole {
    switch sync {
    case .inSync: .statusOK
    case .pending: .statusWarn
    case .unknown: .statusUnknown
    }
  }

  /// The role the result is drawn in.
  var resultRole: ThemeRole {
    switch result {
    case "Success": .statusOK
    case "Error": .statusError
    case "Requeue": .statusWarn
    default: .statusUnknown
    }
  }

  /// Whether the object reports anything about reconciling at all.
  var isEmpty: Bool { generation == nil && observedGeneration == nil && result == nil }

  /// The reconcile state of any object at `now`.
  init(_ object: JSONValue, now: Date) {
    generation = object[path: ["metadata", "generation"]]?.intValue
    observedGeneration =
      object[path: ["status", "observedGeneration"]]?.intValue
      ?? (object[path: ["status", "conditions"]]?.arrayValue ?? []).compactMap { $0["observedGeneration"]?.intValue }
      .max()
    let state = object[path: ["status", "reconcile"]] ?? .emptyObject
    result = DetailFields.text(state["result"])
    message = DetailFields.text(state["message"])
    durationMillis = state["durationMillis"]?.intValue
    reconcileID = DetailFields.text(state["reconcileID"])
    changeID = DetailFields.text(state["changeID"])
    lastChange = changeID == nil ? Self.lastChange(state["lastChange"], now: now) : nil
    let last = DetailTime.date(DetailFields.text(state["lastTime"]))
    since = last.map { DetailTime.age(of: $0, now: now) + " ago" }
    nextRetry = Self.nextRetry(result: result, message: message, last: last, now: now)
  }

  /// `c-1 · Success · reconcile r-7 · 3m ago`: the change and the reconcile that acted on it.
  static func lastChange(_ record: JSONValue?, now: Date) -> String? {
    guard let record, let id = DetailFields.text(record["changeID"]) else { return nil }
    let age = DetailTime.date(DetailFields.text(record["lastTime"])).map { DetailTime.age(of: $0, now: now) + " ago" }
    let reconcile = DetailFields.text(record["reconcileID"]).map { "reconcile \($0)" }
    return ([id, DetailFields.text(record["result"]), reconcile, age].compactMap { $0 }).joined(separator: " · ")
  }

  /// The controller writes no retry time: a failure is retried with the queue's backoff, and a
  /// timed requeue says `again in 30.0 seconds`, which with `lastTime` gives the time.
  static func nextRetry(result: String?, message: String?, last: Date?, now: Date) -> String? {
    switch result {
    case "Error": return "retrying (backoff)"
    case "Requeue":
      guard let message, let range = message.range(of: "again in "), let last,
        let seconds = Double(message[range.upperBound...].prefix { $0 != " " })
      else { return "requeued (backoff)" }
      let due = Int(last.addingTimeInterval(seconds).timeIntervalSince(now).rounded(.up))
      return due > 0 ? "in \(DetailTime.human(seconds: due))" : "due now"
    default: return nil
    }
  }
}
