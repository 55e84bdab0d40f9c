import Foundation
import KubeCore

/// What `kubectl get pods` shows of a pod's state, computed as kube-apiserver's pod printer
/// (`printPod` in kubernetes' pkg/printers/internalversion) computes it: Ready `ready/total`,
/// Status (the phase, or the reason of the init or app container that holds the pod back,
/// `Init:1/2`, `CrashLoopBackOff`, `Terminating`, ...) and Restarts (`3 (5m ago)`). The server's
/// Table for pods and the console's pod detail both read it, so they never disagree.
public struct PodStatusPrinter: Equatable, Sendable {
  /// The Ready cell: ready containers over containers (restartable init containers count as both).
  public var ready: String
  /// The Status cell.
  public var status: String
  /// The Restarts cell: the restart count, with the time since the last restart when there was one.
  public var restarts: String

  /// The cells as given.
  public init(ready: String, status: String, restarts: String) {
    self.ready = ready
    self.status = status
    self.restarts = restarts
  }
}

extension PodStatusPrinter {
  /// The pod printer's cells for a pod at a moment.
  public init(pod: JSONValue, now: Date) {
    var tally = Tally(pod: pod)
    tally.readInitContainers()
    if !tally.initializing || pod.podCondition("Initialized") { tally.readContainers() }
    tally.applyDeletion()
    ready = "\(tally.readyContainers)/\(tally.totalContainers)"
    status = tally.reason
    restarts = String(tally.restarts)
    if tally.restarts != 0, let last = tally.lastRestart {
      restarts += " (\(Timestamps.humanDuration(now.timeIntervalSince(last))) ago)"
    }
  }
}

/// The running counts and reason `printPod` accumulates over a pod's container statuses.
private struct Tally {
  let pod: JSONValue
  let phase: String
  var reason: String
  var totalContainers: Int
  var readyContainers = 0
  var restarts = 0
  var lastRestart: Date?
  var restartableRestarts = 0
  var lastRestartableRestart: Date?
  var initializing = false
  /// The names of init containers with `restartPolicy: Always` (sidecars).
  let restartableInit: Set<String>

  init(pod: JSONValue) {
    self.pod = pod
    phase = pod["status"]?["phase"]?.stringValue ?? ""
    let statusReason = pod["status"]?["reason"]?.stringValue ?? ""
    reason = statusReason.isEmpty ? phase : statusReason
    let gated = (pod["status"]?["conditions"]?.arrayValue ?? []).contains {
      $0["type"]?.stringValue == "PodScheduled" && $0["reason"]?.stringValue == "SchedulingGated"
    }
    if gated { reason = "SchedulingGated" }
    let initContainers = pod["spec"]?["initContainers"]?.arrayValue ?? []
    restartableInit = Set(
      initContainers.filter { $0["restartPolicy"]?.stringValue == "Always" }.compactMap { $0["name"]?.stringValue })
    totalContainers = (pod["spec"]?["containers"]?.arrayValue?.count ?? 0) + restartableInit.count
  }

  /// Init containers in order: the first that has not finished sets an `Init:` reason.
  mutating func readInitContainers() {
    let specCount = pod["spec"]?["initContainers"]?.arrayValue?.count ?? 0
    for (index, container) in (pod["status"]?["initContainerStatuses"]?.arrayValue ?? []).enumerated() {
      let restartable = restartableInit.contains(container["name"]?.stringValue ?? "")
      countRestarts(container, restartable: restartable)
      let state = container["state"] ?? .emptyObject
      if let terminated = state["terminated"], (terminated["exitCode"]?.intValue ?? 0) == 0 { continue }
      if restartable, container["started"]?.boolValue == true {
        if container["ready"]?.boolValue == true { readyContainers += 1 }
        continue
      }
      reason = Self.initReason(state) ?? "Init:\(index)/\(specCount)"
      initializing = true
      break
    }
  }

  /// The reason an unfinished init container gives, nil when it is simply not done yet.
  private static func initReason(_ state: JSONValue) -> String? {
    if let terminated = state["terminated"] { return "Init:" + terminationReason(terminated) }
    if let waiting = state["waiting"]?["reason"]?.stringValue, !waiting.isEmpty, waiting != "PodInitializing" {
      return "Init:" + waiting
    }
    return nil
  }

  /// A termination's reason, or `Signal:N` / `ExitCode:N` when it gives none.
  private static func terminationReason(_ terminated: JSONValue) -> String {
    if let reason = terminated["reason"]?.stringValue, !reason.isEmpty { return reason }
    let signal = terminated["signal"]?.intValue ?? 0
    return signal != 0 ? "Signal:\(signal)" : "ExitCode:\(terminated["exitCode"]?.intValue ?? 0)"
  }

  /// App containers, last to first: a waiting or terminated one gives the reason; ready running
  /// ones count as ready. Restarts start from the sidecars' restarts.
  mutating func readContainers() {
    restarts = restartableRestarts
    lastRestart = lastRestartableRestart
    var hasRunning = false
    for container in (pod["status"]?["containerStatuses"]?.arrayValue ?? []).reversed() {
      countRestarts(container, restartable: false)
      let state = container["state"] ?? .emptyObject
      if let waiting = state["waiting"]?["reason"]?.stringValue, !waiting.isEmpty {
        reason = waiting
      } else if let terminated = state["terminated"] {
        reason = Self.terminationReason(terminated)
      } else if container["ready"]?.boolValue == true, state["running"] != nil {
        hasRunning = true
        readyContainers += 1
      }
    }
    if reason == "Completed", hasRunning { reason = pod.podCondition("Ready") ? "Running" : "NotReady" }
  }

  /// A deleted pod shows `Terminating` until its phase is final, or `Unknown` on a lost node.
  mutating func applyDeletion() {
    guard pod["metadata"]?["deletionTimestamp"] != nil else { return }
    if pod["status"]?["reason"]?.stringValue == "NodeLost" {
      reason = "Unknown"
    } else if phase != "Succeeded", phase != "Failed" {
      reason = "Terminating"
    }
  }

  private mutating func countRestarts(_ container: JSONValue, restartable: Bool) {
    let count = Int(container["restartCount"]?.intValue ?? 0)
    let finished = container["lastState"]?["terminated"]?["finishedAt"]?.stringValue.flatMap(Timestamps.parse)
    restarts += count
    lastRestart = Self.later(lastRestart, finished)
    guard restartable else { return }
    restartableRestarts += count
    lastRestartableRestart = Self.later(lastRestartableRestart, finished)
  }

  private static func later(_ first: Date?, _ second: Date?) -> Date? {
    guard let first, let second else { return first ?? second }
    return max(first, second)
  }
}

extension JSONValue {
  /// Whether a pod's condition of this type has status `True`.
  fileprivate func podCondition(_ type: String) -> Bool {
    (self["status"]?["conditions"]?.arrayValue ?? []).contains {
      $0["type"]?.stringValue == type && $0["status"]?.stringValue == "True"
    }
  }
}
