import KubeCore

extension KubernetesRuntime {
  /// What the Deployment's own conditions say is wrong, for when no Pod shows a failure that
  /// `PodState` knows (an image that cannot be pulled, a model that never turns healthy, Pods that
  /// were never made).
  ///
  /// `ReplicaFailure` means the ReplicaSet could not create Pods at all (a quota, an admission
  /// webhook): reported as `Unschedulable`, instances that cannot be placed. `ProgressDeadlineExceeded`
  /// means Pods exist but did not turn ready within `progressDeadlineSeconds`; the AICluster's
  /// reasons have no closer word than `CrashLoop`, so the message carries what the Pods are waiting
  /// on to say what really happens.
  static func problem(of deployment: JSONValue, pods: [JSONValue]) -> InstanceProblem? {
    let name = deployment[path: ["metadata", "name"]]?.stringValue ?? ""
    // A Deployment's conditions sit where a Pod's do, so PodState reads them.
    if let failure = PodState.condition("ReplicaFailure", of: deployment), failure["status"] == "True" {
      return InstanceProblem(
        reason: .unschedulable, instance: name,
        message: failure["message"]?.stringValue ?? "the ReplicaSet cannot create Pods")
    }
    guard let progressing = PodState.condition("Progressing", of: deployment), progressing["status"] == "False",
      progressing["reason"] == "ProgressDeadlineExceeded"
    else { return nil }
    var message = "no progress within the deadline (ProgressDeadlineExceeded)"
    if let waiting = pods.lazy.compactMap(waitingReason).first { message += "; \(waiting)" }
    return InstanceProblem(reason: .crashLoop, instance: name, message: message)
  }

  /// Why a Pod's container is not running, as `kubectl get pods` shows it (`ImagePullBackOff: …`);
  /// nil while it is only being created.
  static func waitingReason(_ pod: JSONValue) -> String? {
    for container in pod[path: ["status", "containerStatuses"]]?.arrayValue ?? [] {
      guard let waiting = container[path: ["state", "waiting"]], let reason = waiting["reason"]?.stringValue,
        reason != "ContainerCreating"
      else { continue }
      let pod = pod[path: ["metadata", "name"]]?.stringValue ?? ""
      let detail = waiting["message"]?.stringValue.map { ": \($0)" } ?? ""
      return "\(pod) is waiting: \(reason)\(detail)"
    }
    return nil
  }
}
