import KubeCore

/// Reads what a Pod's status says about an instance, the way kubectl and an SRE read it.
enum PodState {
  /// Serving: the `Ready` condition is true.
  static func isReady(_ pod: JSONValue) -> Bool {
    condition("Ready", of: pod)?["status"] == "True"
  }

  /// What keeps a Pod from serving, if anything an operator must act on.
  static func problem(_ pod: JSONValue) -> InstanceProblem? {
    let name = pod[path: ["metadata", "name"]]?.stringValue ?? ""
    if let scheduled = condition("PodScheduled", of: pod), scheduled["status"] == "False",
      scheduled["reason"] == "Unschedulable"
    {
      return InstanceProblem(
        reason: .unschedulable, instance: name, message: scheduled["message"]?.stringValue ?? "no node fits")
    }
    for container in pod[path: ["status", "containerStatuses"]]?.arrayValue ?? [] {
      let restarts = container["restartCount"]?.intValue ?? 0
      let lastReason = container[path: ["lastState", "terminated", "reason"]]?.stringValue
      let waiting = container[path: ["state", "waiting", "reason"]]?.stringValue
      if lastReason == "OOMKilled" {
        return InstanceProblem(
          reason: .outOfMemory, instance: name,
          message: "killed for exceeding its memory limit (OOMKilled), restarted \(restarts) time(s)")
      }
      if waiting == "CrashLoopBackOff" || (restarts > 0 && container["ready"] != true) {
        let exitCode = container[path: ["lastState", "terminated", "exitCode"]]?.intValue.map {
          " with exit code \($0)"
        }
        return InstanceProblem(
          reason: .crashLoop, instance: name,
          message: "the model server keeps crashing\(exitCode ?? ""), restarted \(restarts) time(s)")
      }
    }
    return nil
  }

  /// The order to remove instances in: those that do not serve first, then the newest.
  static func removalOrder(_ pods: [JSONValue]) -> [JSONValue] {
    pods.sorted { left, right in
      let (leftReady, rightReady) = (isReady(left), isReady(right))
      if leftReady != rightReady { return !leftReady }
      let leftTime = left[path: ["metadata", "creationTimestamp"]]?.stringValue ?? ""
      let rightTime = right[path: ["metadata", "creationTimestamp"]]?.stringValue ?? ""
      if leftTime != rightTime { return leftTime > rightTime }
      return (left[path: ["metadata", "name"]]?.stringValue ?? "")
        > (right[path: ["metadata", "name"]]?.stringValue ?? "")
    }
  }

  static func condition(_ type: String, of pod: JSONValue) -> JSONValue? {
    pod[path: ["status", "conditions"]]?.arrayValue?.first { $0["type"]?.stringValue == type }
  }
}
