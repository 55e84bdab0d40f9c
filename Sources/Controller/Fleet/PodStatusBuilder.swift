import KubeCore

/// Pod statuses as a kubelet writes them, for the states a simulated instance goes through.
enum PodStatusBuilder {
  static let container = SimulatedRuntime.containerName

  /// Waiting for a node: `PodScheduled=False` with the scheduler's reason.
  static func pending(unschedulable message: String, since: String) -> JSONValue {
    [
      "phase": "Pending",
      "conditions": [
        condition("PodScheduled", false, since, reason: "Unschedulable", message: message)
      ],
    ]
  }

  /// On a node with the model server process running (`ready` once it loaded the model).
  static func running(
    since: String, podIP: String, restarts: Int64, lastState: JSONValue?, ready: Bool, readySince: String? = nil
  ) -> JSONValue {
    let readyTime = readySince ?? since
    var state: JSONValue = [
      "name": .string(container), "ready": .bool(ready), "started": true, "restartCount": .int(restarts),
      "state": ["running": ["startedAt": .string(since)]],
    ]
    if let lastState { state["lastState"] = lastState }
    return scheduled(
      podIP: podIP, ready: ready, readySince: readyTime, since: since, container: state, phase: "Running")
  }

  /// Crashed, waiting out the back-off before the next start.
  static func crashLooping(
    since: String, podIP: String, restarts: Int64, lastState: JSONValue, podName: String
  ) -> JSONValue {
    let state: JSONValue = [
      "name": .string(container), "ready": false, "started": false, "restartCount": .int(restarts),
      "lastState": lastState,
      "state": [
        "waiting": [
          "reason": "CrashLoopBackOff",
          "message": .string("back-off restarting failed container \(container) in pod \(podName)"),
        ]
      ],
    ]
    return scheduled(podIP: podIP, ready: false, readySince: since, since: since, container: state, phase: "Running")
  }

  private static func scheduled(
    podIP: String, ready: Bool, readySince: String, since: String, container: JSONValue, phase: String
  ) -> JSONValue {
    [
      "phase": .string(phase), "podIP": .string(podIP), "hostIP": .string(podIP), "startTime": .string(since),
      "conditions": [
        condition("PodScheduled", true, since),
        condition("Initialized", true, since),
        condition("ContainersReady", ready, readySince),
        condition("Ready", ready, readySince),
      ],
      "containerStatuses": [container],
    ]
  }

  private static func condition(
    _ type: String, _ ok: Bool, _ since: String, reason: String? = nil, message: String? = nil
  ) -> JSONValue {
    var condition: JSONValue = [
      "type": .string(type), "status": ok ? "True" : "False", "lastTransitionTime": .string(since),
    ]
    if let reason { condition["reason"] = .string(reason) }
    if let message { condition["message"] = .string(message) }
    return condition
  }

  /// Whether two statuses say the same, apart from when they were written.
  static func same(_ left: JSONValue?, _ right: JSONValue?) -> Bool {
    withoutTimes(left ?? .emptyObject) == withoutTimes(right ?? .emptyObject)
  }

  private static func withoutTimes(_ status: JSONValue) -> JSONValue {
    var status = status
    if case .array(let conditions)? = status["conditions"] {
      status["conditions"] = .array(
        conditions.map { condition in
          var condition = condition
          condition["lastTransitionTime"] = nil
          return condition
        })
    }
    return status
  }
}
