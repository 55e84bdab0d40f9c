import Foundation
import KubeCore
import Views

/// One status condition as the detail pane shows it, with the colour its meaning deserves.
struct DetailCondition: Hashable, Sendable {
  /// Which status of a condition type is the healthy one.
  enum Polarity: Hashable, Sendable {
    /// `True` is healthy (`Ready`, `Available`, `Accepted`).
    case positive
    /// `True` is a problem (`Degraded`, `MemoryPressure`, `Stalled`).
    case negative
    /// `True` means work in flight, `False` means settled (`Progressing`, `Reconciling`).
    case progress
  }

  /// The condition type.
  var type: String
  /// `True`, `False` or `Unknown`.
  var status: String
  /// A CamelCase reason.
  var reason: String
  /// A human message.
  var message: String
  /// Time since `lastTransitionTime` (`5m`).
  var age: String
  /// How to read its status.
  var polarity: Polarity

  /// The condition types where `True` reports a problem.
  static let negativeTypes: Set<String> = [
    "Degraded", "Failed", "Failure", "Stalled", "Error", "ReplicaFailure", "NetworkUnavailable",
    "MemoryPressure", "DiskPressure", "PIDPressure",
  ]
  /// The condition types where `True` reports work in flight.
  static let progressTypes: Set<String> = ["Progressing", "Reconciling", "Pending"]
  /// Reasons of a progress condition that mean it gave up (a Deployment's deadline).
  static let stalledReasons: Set<String> = ["ProgressDeadlineExceeded", "Failed", "Stalled"]

  /// The polarity of a condition type.
  static func polarity(of type: String) -> Polarity {
    if negativeTypes.contains(type) { return .negative }
    return progressTypes.contains(type) ? .progress : .positive
  }

  /// The role its status is drawn in: OK, a warning while work is in flight, an error, or unknown.
  var role: ThemeRole {
    switch (status.lowercased(), polarity) {
    case ("true", .positive), ("false", .negative): .statusOK
    case ("false", .positive), ("true", .negative): .statusError
    case ("true", .progress): .statusWarn
    case ("false", .progress): DetailCondition.stalledReasons.contains(reason) ? .statusError : .statusOK
    default: .statusUnknown
    }
  }

  /// The conditions in `status.conditions` of any object, in the order the server keeps them.
  static func all(of object: JSONValue, now: Date) -> [DetailCondition] {
    (object[path: ["status", "conditions"]]?.arrayValue ?? []).map { condition in
      let type = DetailFields.text(condition["type"]) ?? ""
      return DetailCondition(
        type: type, status: DetailFields.text(condition["status"]) ?? "Unknown",
        reason: DetailFields.text(condition["reason"]) ?? "", message: DetailFields.text(condition["message"]) ?? "",
        age: DetailTime.age(DetailFields.text(condition["lastTransitionTime"]), now: now),
        polarity: polarity(of: type))
    }
  }
}
