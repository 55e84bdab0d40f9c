import KubeCore
import Views

/// How an object is doing, read the same way for every kind (ours or anyone's) from its
/// conditions, its reconcile state and its phase: what the list's glyph and the header's counts say.
enum Health: Int, CaseIterable, Comparable, Sendable {
  case ok, progressing, failing, unknown

  /// The glyph in the list's health column.
  var glyph: String { ["●", "◐", "✖", "○"][rawValue] }

  /// The theme role the glyph and the row are drawn in.
  var role: ThemeRole { [.statusOK, .statusWarn, .statusError, .statusUnknown][rawValue] }

  /// A word for the header and describe views.
  var word: String { ["healthy", "progressing", "failing", "unknown"][rawValue] }

  static func < (a: Health, b: Health) -> Bool { a.rawValue < b.rawValue }

  /// Conditions whose `True` means the object works.
  static let positiveTypes: Set<String> = [
    "Ready", "Available", "Accepted", "Programmed", "ResolvedRefs", "Valid", "CanaryReady", "Established",
  ]

  /// Reasons of a `Ready=False` that mean broken rather than on the way.
  static let failingReasons: Set<String> = [
    "CrashLoop", "CrashLoopBackOff", "Unschedulable", "OOMKilled", "Failed", "ImagePullBackOff", "InvalidSpec",
    "BackendNotFound", "Unhealthy", "ReconcileError",
  ]

  /// Why a container waits when that is broken rather than on the way, as kubectl's STATUS
  /// column names it.
  static let failingWaits: Set<String> = [
    "CrashLoopBackOff", "ImagePullBackOff", "ErrImagePull", "CreateContainerConfigError", "CreateContainerError",
    "InvalidImageName", "RunContainerError",
  ]

  /// A pod's health from its containers: failing while one waits for a broken reason, progressing
  /// while one is not ready yet; nil when every container is ready (the conditions decide).
  private static func containerHealth(_ containers: [JSONValue]) -> Health? {
    if containers.contains(where: {
      failingWaits.contains($0[path: ["state", "waiting", "reason"]]?.stringValue ?? "")
    }) {
      return .failing
    }
    return containers.allSatisfy { $0["ready"]?.boolValue == true } ? nil : .progressing
  }

  /// The health of `object`.
  static func of(_ object: JSONValue) -> Health {
    let status = object["status"]
    if let application = status?["health"]?.stringValue {
      switch application {
      case "Healthy": return .ok
      case "Degraded": return .progressing
      case "Unhealthy": return .failing
      default: break
      }
    }
    if status?[path: ["reconcile", "result"]]?.stringValue == "Error" { return .failing }
    if ["Failed", "Unhealthy"].contains(status?["phase"]?.stringValue ?? "") { return .failing }
    if status?["phase"]?.stringValue != "Succeeded", let containers = status?["containerStatuses"]?.arrayValue,
      let health = containerHealth(containers)
    {
      return health
    }
    let conditions = (status?["conditions"]?.arrayValue ?? []).compactMap(ConditionView.init)
    if conditions.contains(where: { $0.type == "Degraded" && $0.status == "True" }) { return .failing }
    if conditions.contains(where: {
      Self.positiveTypes.contains($0.type) && $0.status == "False" && Self.failingReasons.contains($0.reason)
    }) {
      return .failing
    }
    if conditions.contains(where: { $0.type == "Progressing" && $0.status == "True" }) { return .progressing }
    if let generation = object[path: ["metadata", "generation"]]?.intValue,
      let observed = status?["observedGeneration"]?.intValue, observed < generation
    {
      return .progressing
    }
    let positive = conditions.filter { Self.positiveTypes.contains($0.type) }
    if positive.contains(where: { $0.status == "False" }) { return .progressing }
    if positive.contains(where: { $0.status == "True" }) { return .ok }
    if status?["phase"]?.stringValue.map({ ["Available", "Running", "Ready", "Succeeded"].contains($0) }) == true {
      return .ok
    }
    return .unknown
  }
}

/// The fields of one `metav1.Condition` the console reads, from any kind's status.
struct ConditionView: Sendable, Hashable {
  var type: String
  var status: String
  var reason: String
  var message: String
  var lastTransitionTime: String?

  init?(_ value: JSONValue) {
    guard let type = value["type"]?.stringValue else { return nil }
    self.type = type
    status = value["status"]?.stringValue ?? "Unknown"
    reason = value["reason"]?.stringValue ?? ""
    message = value["message"]?.stringValue ?? ""
    lastTransitionTime = value["lastTransitionTime"]?.stringValue
  }
}
