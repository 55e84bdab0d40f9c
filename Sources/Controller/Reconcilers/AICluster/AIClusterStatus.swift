import AIResources
import KubeCore

/// The status an AICluster should show, from what its runtime reports: counts, the current
/// revision, and the `Ready` / `Progressing` / `Degraded` conditions with reasons an operator
/// acts on. Pure.
struct AIClusterStatus {
  var cluster: AICluster
  var groups: [RevisionInstances]
  /// The current template's hash, and its ControllerRevision's name.
  var currentHash: String
  var currentRevision: String?
  var plan: RolloutPlan
  var endpointURL: String
  var now: String

  var desired: Int { cluster.spec.replicas ?? 1 }

  func make() -> AICluster.Status {
    var status = cluster.status ?? AICluster.Status()
    let total = groups.map(\.total).reduce(0, +)
    let ready = groups.map(\.ready).reduce(0, +)
    status.replicas = total
    status.activeInstances = ready
    status.endpointURL = endpointURL
    if let currentRevision { status.currentRevision = currentRevision }
    status.selector = "\(InstanceLabels.cluster)=\(cluster.metadata.name ?? "")"
    var conditions = status.conditions ?? []
    let generation = cluster.metadata.generation
    func set(_ type: String, _ value: Condition.Status, _ reason: String, _ message: String) {
      ConditionList.set(
        type, value, reason: reason, message: message, generation: generation, now: now, in: &conditions)
    }
    let readyOK = ready >= desired
    set(
      "Ready", readyOK ? .isTrue : .isFalse, readyOK ? "InstancesReady" : "InstancesNotReady",
      "\(ready)/\(desired) instances ready")
    let progress = progressing(total: total)
    set("Progressing", progress.0, progress.1, progress.2)
    let degraded = self.degraded()
    set("Degraded", degraded.0, degraded.1, degraded.2)
    status.conditions = conditions
    return status
  }

  private func progressing(total: Int) -> (Condition.Status, String, String) {
    let current = groups.first { $0.revision == currentHash }
    let old = groups.filter { $0.revision != currentHash && $0.total > 0 }
    let version = cluster.spec.modelVersion.map { " (\(cluster.spec.modelName) \($0))" } ?? ""
    if cluster.spec.paused == true {
      return (.unknown, "Paused", "rollouts are paused; instances are left as they are")
    }
    if !old.isEmpty {
      let updated = current?.ready ?? 0
      return (
        .isTrue, "RollingUpdate",
        "rolling out revision \(currentRevision ?? currentHash)\(version): \(updated)/\(desired) updated instances ready, "
          + "\(old.map(\.total).reduce(0, +)) old instance(s) left"
      )
    }
    if total < desired { return (.isTrue, "ScalingUp", "scaling up from \(total) to \(desired) instances") }
    if total > desired { return (.isTrue, "ScalingDown", "scaling down from \(total) to \(desired) instances") }
    if (current?.ready ?? 0) < desired {
      return (.isTrue, "InstancesStarting", "\(desired - (current?.ready ?? 0)) instance(s) starting")
    }
    return (
      .isFalse, "RolloutComplete",
      "revision \(currentRevision ?? currentHash)\(version) serves with \(desired) instance(s)"
    )
  }

  private func degraded() -> (Condition.Status, String, String) {
    let problems = groups.flatMap(\.problems)
    guard let worst = problems.map(\.reason).min() else {
      return (.isFalse, "AsExpected", "no instance is failing")
    }
    let affected = problems.filter { $0.reason == worst }
    let first = affected[0]
    let model = "\(cluster.spec.modelName)\(cluster.spec.modelVersion.map { " \($0)" } ?? "")"
    let count = affected.count == 1 ? "1 instance" : "\(affected.count) instances"
    switch worst {
    case .crashLoop:
      return (.isTrue, "CrashLoop", "\(count) of model \(model) crash-looping: \(first.instance): \(first.message)")
    case .outOfMemory:
      return (.isTrue, "OOMKilled", "\(count) of model \(model) ran out of memory: \(first.instance): \(first.message)")
    case .unschedulable:
      return (.isTrue, "Unschedulable", "\(count) cannot be placed: \(first.message)")
    }
  }
}
