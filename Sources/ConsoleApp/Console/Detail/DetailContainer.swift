import Foundation
import KubeCore
import Views

/// One container of a Pod as `kubectl describe pod` lists it: its image, whether it is ready,
/// how often it restarted, its state now and the previous termination (the crash behind a
/// `CrashLoopBackOff`).
struct DetailContainer: Hashable, Sendable {
  /// The container's name.
  var name: String
  /// Whether it is an init container (a sidecar when its restart policy is `Always`).
  var isInit: Bool
  /// `image` of the spec.
  var image: String
  /// Whether it passes its readiness probe.
  var ready: Bool
  /// `restartCount`.
  var restarts: Int64
  /// `Running, started 5m ago`, `Waiting CrashLoopBackOff: back-off 20s …`, `Terminated Error,
  /// exit code 1, finished 2m ago`; `Waiting` when the kubelet reported nothing yet.
  var state: String
  /// The previous termination, in the same words; empty when there was none.
  var lastState: String
  /// The role its state is drawn in.
  var role: ThemeRole

  /// The container of `spec` with its `status` (nil before the kubelet reports it) at `now`.
  init(spec: JSONValue, status: JSONValue?, isInit: Bool, now: Date) {
    name = DetailFields.text(spec["name"]) ?? ""
    self.isInit = isInit
    image = DetailFields.text(status?["image"]) ?? DetailFields.text(spec["image"]) ?? ""
    ready = status?["ready"]?.boolValue ?? false
    restarts = status?["restartCount"]?.intValue ?? 0
    let current = status?["state"]
    state = current.map { Self.describe($0, now: now) } ?? "Waiting"
    lastState = status?["lastState"].map { Self.describe($0, now: now) } ?? ""
    let waiting = current?[path: ["waiting", "reason"]]?.stringValue ?? ""
    let exitCode = current?[path: ["terminated", "exitCode"]]?.intValue
    role =
      if DetailInstance.failingReasons.contains(waiting) || (exitCode.map { $0 != 0 } ?? false) {
        .statusError
      } else if ready || exitCode == 0 {
        .statusOK
      } else {
        .statusWarn
      }
  }

  /// A `ContainerState` in words; empty for an empty state.
  static func describe(_ state: JSONValue, now: Date) -> String {
    if let running = state["running"] {
      let since = DetailFields.text(running["startedAt"]).map { ", started \(DetailTime.age($0, now: now)) ago" }
      return "Running" + (since ?? "")
    }
    if let waiting = state["waiting"] {
      let reason = DetailFields.text(waiting["reason"]).map { " \($0)" } ?? ""
      let message = DetailFields.text(waiting["message"]).map { ": \($0)" } ?? ""
      return "Waiting" + reason + message
    }
    guard let terminated = state["terminated"] else { return "" }
    var parts = [DetailFields.text(terminated["reason"]).map { "Terminated \($0)" } ?? "Terminated"]
    parts.append("exit code \(terminated["exitCode"]?.intValue ?? 0)")
    if let signal = terminated["signal"]?.intValue, signal != 0 { parts.append("signal \(signal)") }
    if let finished = DetailFields.text(terminated["finishedAt"]) {
      parts.append("finished \(DetailTime.age(finished, now: now)) ago")
    }
    let message = DetailFields.text(terminated["message"]).map { ": \($0)" } ?? ""
    return parts.joined(separator: ", ") + message
  }

  /// The lines under its heading: ready, restarts, state, last state.
  var items: [KeyValueList.Item] {
    var list = DetailFieldList()
    list.add("  Ready", ready ? "true" : "false", role: ready ? .statusOK : .statusWarn)
    list.add("  Restarts", String(restarts), role: restarts > 0 ? .statusWarn : nil)
    list.add("  State", state, role: role)
    list.add("  Last state", lastState, role: lastState.isEmpty ? nil : .statusWarn)
    return list.items
  }

  /// Its heading: `model · vllm/vllm-openai:v0.6.3`, `init setup · busybox`.
  var heading: String { (isInit ? "init " : "") + name + (image.isEmpty ? "" : " · \(image)") }
}
