import AIResources
import ClusterClient
import Foundation
import KubeCore

/// The life of one simulated model instance, as a pure function of its Pod and the time: placed
/// on a node, loading the model for `startupSeconds`, then serving, or failing as its
/// `failureMode` says. Every step it has taken is recorded in the Pod's status (start times,
/// restart counts, last termination), so a restarted fleet picks each instance up where it was.
struct InstanceLifecycle {
  /// The simulation profile of an instance, from its Pod's annotation (defaults otherwise).
  struct Profile: Equatable {
    var startupSeconds: Double
    var failureMode: ModelDeployment.Spec.Simulation.FailureMode

    init(startupSeconds: Double = 5, failureMode: ModelDeployment.Spec.Simulation.FailureMode = .none) {
      self.startupSeconds = startupSeconds
      self.failureMode = failureMode
    }

    init(pod: JSONValue) {
      let text = pod[path: ["metadata", "annotations", InstanceLabels.simulationAnnotation]]?.stringValue
      let simulation = text.flatMap {
        try? JSONParser.parse(Array($0.utf8)).decode(as: ModelDeployment.Spec.Simulation.self)
      }
      self.init(
        startupSeconds: Double(simulation?.startupSeconds ?? 5), failureMode: simulation?.failureMode ?? .none)
    }

    /// How long loading takes: a slow instance takes five times as long, and at least five seconds more.
    var loadingSeconds: Double { failureMode == .slow ? startupSeconds * 5 + 5 : startupSeconds }
    /// How long an out-of-memory instance serves before it is killed.
    static let secondsUntilOOM: Double = 5
  }

  /// What changes: the status to write and the log lines the instance wrote meanwhile.
  struct Step {
    var status: JSONValue
    var logLines: [String]
  }

  let pod: JSONValue
  let profile: Profile
  let now: Date

  init(pod: JSONValue, now: Date) {
    self.pod = pod
    profile = Profile(pod: pod)
    self.now = now
  }

  var name: String { pod[path: ["metadata", "name"]]?.stringValue ?? "" }
  var model: String { pod[path: ["metadata", "labels", "app.kubernetes.io/name"]]?.stringValue ?? "" }

  /// The status of a Pod no node can take.
  func unschedulable(_ message: String) -> Step? {
    let status = PodStatusBuilder.pending(unschedulable: message, since: stamp(now))
    guard !PodStatusBuilder.same(status, pod["status"]) else { return nil }
    return Step(status: status, logLines: [])
  }

  /// The next status of a Pod that is on `node`, taking every step due by now; nil when none is.
  func advance(node: String, podIP: String) -> Step? {
    var status = pod["status"] ?? .emptyObject
    var lines: [String] = []
    var changed = false
    while let next = step(status, node: node, podIP: podIP) {
      status = next.status
      lines += next.logLines
      changed = true
    }
    return changed ? Step(status: status, logLines: lines) : nil
  }

  /// One transition from `status`, if one is due.
  private func step(_ status: JSONValue, node: String, podIP: String) -> Step? {
    let container = status["containerStatuses"]?.arrayValue?.first
    guard let container, status["phase"] != "Pending" else {
      return Step(
        status: PodStatusBuilder.running(since: stamp(now), podIP: podIP, restarts: 0, lastState: nil, ready: false),
        logLines: [log("info", "starting model server", ["node": .string(node)]), log("info", "loading model weights")])
    }
    let restarts = container["restartCount"]?.intValue ?? 0
    let lastState = container["lastState"]
    if let waiting = container[path: ["state", "waiting"]], waiting["reason"] == "CrashLoopBackOff" {
      let finished = date(container[path: ["lastState", "terminated", "finishedAt"]]) ?? now
      guard now >= finished.addingTimeInterval(Self.backoff(restarts: restarts)) else { return nil }
      return Step(
        status: PodStatusBuilder.running(
          since: stamp(now), podIP: podIP, restarts: restarts, lastState: lastState, ready: false),
        logLines: [
          log("info", "starting model server", ["restart": .int(restarts)]), log("info", "loading model weights"),
        ])
    }
    guard let started = date(container[path: ["state", "running", "startedAt"]]) else { return nil }
    let ready = container["ready"]?.boolValue == true
    if !ready, now >= started.addingTimeInterval(profile.loadingSeconds) {
      if profile.failureMode == .crashloop {
        return crash(status, podIP: podIP, restarts: restarts, started: started, exitCode: 1, reason: "Error")
      }
      return Step(
        status: PodStatusBuilder.running(
          since: stamp(started), podIP: podIP, restarts: restarts, lastState: lastState, ready: true,
          readySince: stamp(now)),
        logLines: [log("info", "model server ready", ["port": .int(8000)])])
    }
    if ready, profile.failureMode == .oom,
      let readySince = date(PodState.condition("Ready", of: ["status": status])?["lastTransitionTime"]),
      now >= readySince.addingTimeInterval(Profile.secondsUntilOOM)
    {
      return crash(status, podIP: podIP, restarts: restarts, started: started, exitCode: 137, reason: "OOMKilled")
    }
    return nil
  }

  private func crash(
    _ status: JSONValue, podIP: String, restarts: Int64, started: Date, exitCode: Int64, reason: String
  ) -> Step {
    let terminated: JSONValue = [
      "terminated": [
        "exitCode": .int(exitCode), "reason": .string(reason), "startedAt": .string(stamp(started)),
        "finishedAt": .string(stamp(now)),
      ]
    ]
    let message =
      reason == "OOMKilled"
      ? "torch.OutOfMemoryError: CUDA out of memory while allocating the KV cache"
      : "RuntimeError: model weights failed to load: checksum mismatch in shard 3 of 8"
    return Step(
      status: PodStatusBuilder.crashLooping(
        since: stamp(now), podIP: podIP, restarts: restarts + 1, lastState: terminated, podName: name),
      logLines: [log("error", message, ["exit_code": .int(exitCode)])])
  }

  /// kubelet's crash back-off, shortened for a simulation: 1 s doubling to 20 s.
  static func backoff(restarts: Int64) -> TimeInterval {
    min(20, pow(2, Double(max(0, restarts - 1))))
  }

  /// One JSON log line as the instance writes it.
  func log(_ level: String, _ message: String, _ fields: JSONValue = .emptyObject) -> String {
    var line: JSONValue = [
      "ts": .string(LogTimestamp(now).rfc3339Milliseconds), "level": .string(level), "logger": "model-server",
      "msg": .string(message), "correlation_id": "", "pod": .string(name), "model": .string(model),
    ]
    for (key, value) in fields.objectValue ?? [:] { line[key] = value }
    return line.jsonString
  }

  private func stamp(_ date: Date) -> String { LogTimestamp(date).rfc3339Seconds }
  private func date(_ value: JSONValue?) -> Date? { value?.stringValue.flatMap { LogTimestamp(rfc3339: $0)?.date } }
}
