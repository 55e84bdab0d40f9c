import Foundation
import KubeCore
import Views

/// One instance (Pod) of the selected object, read the way `kubectl get pods` shows it.
struct DetailInstance: Hashable, Sendable {
  /// The Pod's name.
  var name: String
  /// `status.phase`.
  var phase: String
  /// Ready containers over containers (`1/1`).
  var ready: String
  /// Restarts over all containers.
  var restarts: Int64
  /// `spec.nodeName`, empty while unscheduled.
  var node: String
  /// GPUs its containers are limited to (`nvidia.com/gpu`).
  var gpus: Int64
  /// Why it is not serving (`CrashLoopBackOff`, `OOMKilled`, `Unschedulable`), if it says.
  var reason: String
  /// Time since it was created.
  var age: String
  /// The role its row is drawn in.
  var role: ThemeRole

  /// The extended resource name of NVIDIA GPUs.
  static let gpuResource = "nvidia.com/gpu"
  /// Reasons that mean the instance is failing, not just starting.
  static let failingReasons: Set<String> = [
    "CrashLoopBackOff", "OOMKilled", "Unschedulable", "ErrImagePull", "ImagePullBackOff", "Error",
    "CreateContainerConfigError", "InvalidImageName",
  ]

  /// Reads a Pod at `now`.
  init(_ pod: JSONValue, now: Date) {
    let statuses = pod[path: ["status", "containerStatuses"]]?.arrayValue ?? []
    let containers = pod[path: ["spec", "containers"]]?.arrayValue ?? []
    name = DetailFields.name(pod)
    phase = DetailFields.text(pod, "status", "phase") ?? "Unknown"
    let readyCount = statuses.filter { $0["ready"]?.boolValue == true }.count
    ready = "\(readyCount)/\(max(containers.count, statuses.count))"
    restarts = statuses.compactMap { $0["restartCount"]?.intValue }.reduce(0, +)
    node = DetailFields.text(pod, "spec", "nodeName") ?? ""
    gpus = containers.compactMap { Self.quantity($0[path: ["resources", "limits", Self.gpuResource]]) }.reduce(0, +)
    reason = Self.reason(pod, statuses: statuses)
    age = DetailTime.age(DetailFields.text(pod, "metadata", "creationTimestamp"), now: now)
    let allReady = !statuses.isEmpty && readyCount == statuses.count
    role =
      if Self.failingReasons.contains(reason) || phase == "Failed" {
        .statusError
      } else if phase == "Succeeded" || (phase == "Running" && allReady) {
        .statusOK
      } else {
        .statusWarn
      }
  }

  /// A waiting container's reason, the last termination's when it was killed for memory, the
  /// scheduler's when no node fits, or the Pod's own.
  static func reason(_ pod: JSONValue, statuses: [JSONValue]) -> String {
    for status in statuses {
      if let waiting = status[path: ["state", "waiting", "reason"]]?.stringValue, waiting != "ContainerCreating" {
        return waiting
      }
      if status[path: ["lastState", "terminated", "reason"]]?.stringValue == "OOMKilled" { return "OOMKilled" }
      if let terminated = status[path: ["state", "terminated", "reason"]]?.stringValue { return terminated }
    }
    let scheduled = (pod[path: ["status", "conditions"]]?.arrayValue ?? []).first { $0["type"] == "PodScheduled" }
    if scheduled?["status"] == "False" { return scheduled?["reason"]?.stringValue ?? "Unschedulable" }
    return DetailFields.text(pod, "status", "reason") ?? ""
  }

  /// A whole-number quantity as a limit writes it (`"2"` or `2`).
  static func quantity(_ value: JSONValue?) -> Int64? {
    value?.intValue ?? value?.stringValue.flatMap { Int64($0) }
  }
}
