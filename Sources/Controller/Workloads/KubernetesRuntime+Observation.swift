import KubeCore

extension KubernetesRuntime {
  /// One revision's instances, from its Deployment and the Pods of that revision; nil for a
  /// Deployment without a revision label, which this runtime did not make.
  ///
  /// `total` is the larger of `spec.replicas` and `status.replicas`: the rollout's surge of one is
  /// counted on instances that exist, and the Deployment's status lags both ways, behind a
  /// scale-up it has not acted on yet and behind a scale-down whose Pods are still counted.
  /// Taking the larger never lets a lagging status make room for a second surge instance.
  /// `ready` is `status.readyReplicas`, but no more than `spec.replicas`: the ready Pods above it
  /// are being removed, and the rollout must not count on them to keep serving.
  static func instances(of deployment: JSONValue, pods: [JSONValue]) -> RevisionInstances? {
    let revision = revision(of: deployment)
    guard !revision.isEmpty else { return nil }
    let desired = count(deployment, ["spec", "replicas"]) ?? 1
    let total = max(desired, count(deployment, ["status", "replicas"]) ?? 0)
    let ready = min(desired, count(deployment, ["status", "readyReplicas"]) ?? 0)
    var problems: [InstanceProblem] = []
    if ready < desired {
      let live = pods.filter { $0[path: ["metadata", "deletionTimestamp"]] == nil }
      problems = live.compactMap(PodState.problem)
      if problems.isEmpty, let stalled = problem(of: deployment, pods: live) { problems = [stalled] }
    }
    return RevisionInstances(revision: revision, total: total, ready: ready, problems: problems)
  }

  /// Whether every instance the Deployment asks for serves, so no Pod needs reading.
  static func servesFully(_ deployment: JSONValue) -> Bool {
    let desired = count(deployment, ["spec", "replicas"]) ?? 1
    return (count(deployment, ["status", "readyReplicas"]) ?? 0) >= desired
  }

  /// The `ai.aiconsole.dev/revision` label of a Deployment or Pod ("" when missing).
  static func revision(of object: JSONValue) -> String {
    object[path: ["metadata", "labels", InstanceLabels.revision]]?.stringValue ?? ""
  }

  private static func count(_ object: JSONValue, _ path: [String]) -> Int? {
    object[path: path]?.intValue.map { Int($0) }
  }
}
