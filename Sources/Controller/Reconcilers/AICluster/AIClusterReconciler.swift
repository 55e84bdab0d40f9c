import AIResources
import ClusterClient
import Foundation
import KubeCore
import Logging

/// AICluster: keeps `spec.replicas` instances of the current template running through a
/// `WorkloadRuntime`, records each distinct template as a ControllerRevision, rolls a template
/// change over one instance at a time (surge 1, unavailable 0), keeps a Service in front of the
/// instances, and reports counts and `Ready` / `Progressing` / `Degraded`.
public struct AIClusterReconciler: Reconciler {
  public let resource = AIClusterReconciler.aiclusters
  static let aiclusters = AICluster.resource
  /// How soon to look again while instances are on their way.
  static let recheck: Duration = .seconds(2)
  let client: KubeClient
  let runtime: any WorkloadRuntime
  let events: EventRecorder

  public init(client: KubeClient, runtime: any WorkloadRuntime, events: EventRecorder) {
    self.client = client
    self.runtime = runtime
    self.events = events
  }

  public func watchRelated(enqueue: @escaping @Sendable (NamespacedName) async -> Void) async {
    await runtime.watchInstances(enqueue: enqueue)
  }

  public func reconcile(_ request: ReconcileRequest) async throws -> ReconcileResult {
    guard let object = try await client.existing(resource, name: request.key.name, namespace: request.key.namespace)
    else { return .done }
    let request = request.acting(on: object)
    let drain = InstanceDrain(client: client, runtime: runtime)
    guard object[path: ["metadata", "deletionTimestamp"]] == nil else {
      return try await drain.drain(object, request: request)
    }
    // Adding the finalizer changes the object, which brings the next reconcile at once.
    if try await drain.ensureFinalizer(on: object) { return .done }
    let cluster = try object.decode(as: AICluster.self)
    let errors = AIAdmission.validate(kind: "AICluster", object: object, old: nil)
    guard errors.isEmpty else {
      try await writeInvalid(request, errors)
      return .done
    }
    let template = InstanceTemplate(cluster.spec)
    let hash = template.hash
    let history = RevisionHistory(
      client: client, owner: InstanceLabels.ownerReference(cluster), namespace: cluster.metadata.namespace ?? "default",
      ownerName: cluster.metadata.name ?? "", ownerLabel: InstanceLabels.cluster)
    let paused = cluster.spec.paused == true
    // The revision is already current when status says so: the history needs no look.
    let settledRevision = cluster.status?.currentRevision == "\(cluster.metadata.name ?? "")-\(hash)"
    var revisions = settledRevision ? [] : try await history.list()
    var currentName = cluster.status?.currentRevision
    if !paused && !settledRevision {
      let current: JSONValue
      (revisions, current) = try await history.makeCurrent(hash: hash, data: try template.json, in: revisions)
      currentName = current[path: ["metadata", "name"]]?.stringValue
    }
    let groups = try await runtime.observe(cluster)
    if settledRevision && groups.contains(where: { $0.revision != hash }) { revisions = try await history.list() }
    let plan = RolloutPlan(desired: cluster.spec.replicas ?? 1, current: hash, groups: groups) { revision in
      Int(revisions.first { RevisionHistory.hash($0) == revision }.map(RevisionHistory.number) ?? -1)
    }
    if !paused {
      try await carryOut(plan, for: cluster, object: object, template: template, request: request)
      // Revisions are pruned when one is made current and when one's last instance goes.
      let retired = Set(
        plan.steps.compactMap { step -> String? in
          if case .retire(let revision) = step { return revision }
          return nil
        })
      if !settledRevision || !retired.isEmpty {
        let live = Set(groups.filter { $0.total > 0 }.map(\.revision)).subtracting(retired).union([hash])
        try await history.prune(revisions, limit: cluster.spec.revisionHistoryLimit ?? 10, keep: live)
      }
    }
    let endpointURL = try await ClusterService(client: client).ensure(for: cluster)
    let status = AIClusterStatus(
      cluster: cluster, groups: groups, currentHash: hash,
      currentRevision: currentName, plan: plan,
      endpointURL: endpointURL, now: LogTimestamp(Date()).rfc3339Seconds
    ).make()
    try await write(status, request: request, previous: cluster, object: object)
    let settled = plan.isSettled && groups.map(\.ready).reduce(0, +) == (cluster.spec.replicas ?? 1)
    return settled || paused ? .done : .requeueAfter(Self.recheck)
  }

  private func carryOut(
    _ plan: RolloutPlan, for cluster: AICluster, object: JSONValue, template: InstanceTemplate,
    request: ReconcileRequest
  ) async throws {
    for step in plan.steps {
      switch step {
      case .scale(let revision, let count):
        request.logger.info(
          "scaling revision", metadata: ["revision": "\(revision)", "replicas": "\(count)"])
        try await runtime.scale(cluster, revision: revision, template: template, to: count)
      case .retire(let revision):
        try await runtime.retire(cluster, revision: revision)
      }
    }
    guard let reason = Self.eventReason(plan, current: template.hash) else { return }
    await events.record(
      object, .normal, reason: reason.0, message: reason.1, changeID: request.changeID, logger: request.logger)
  }

  /// The Event a plan is worth, if any.
  static func eventReason(_ plan: RolloutPlan, current: String) -> (String, String)? {
    let summary = plan.steps.compactMap { step -> String? in
      guard case .scale(let revision, let count) = step else { return nil }
      return "revision \(revision) to \(count)"
    }
    guard !summary.isEmpty else { return nil }
    let rolling = plan.steps.contains {
      if case .scale(let revision, _) = $0 { return revision != current }
      return false
    }
    return (rolling ? "RollingUpdate" : "Scaled", "scaled " + summary.joined(separator: ", "))
  }

  private func write(
    _ status: AICluster.Status, request: ReconcileRequest, previous: AICluster, object: JSONValue
  ) async throws {
    let encoded = try JSONValue(encoding: status)
    try await StatusWriter(client: client).update(resource, request.key, read: object) { current in
      var merged = encoded
      merged["reconcile"] = current[path: ["status", "reconcile"]]
      merged["observedGeneration"] = current[path: ["status", "observedGeneration"]]
      current["status"] = merged
    }
    let wasDegraded = previous.condition("Degraded")?.status == .isTrue
    if let degraded = status.conditions?.first(where: { $0.type == "Degraded" }), degraded.status == .isTrue,
      !wasDegraded || previous.condition("Degraded")?.reason != degraded.reason
    {
      await events.record(
        object, .warning, reason: degraded.reason, message: degraded.message, changeID: request.changeID,
        logger: request.logger)
    }
  }

  private func writeInvalid(_ request: ReconcileRequest, _ errors: [FieldError]) async throws {
    let message = errors.map(\.description).joined(separator: "; ")
    let now = LogTimestamp(Date()).rfc3339Seconds
    try await StatusWriter(client: client).update(resource, request.key) { object in
      var status = (try? (object["status"] ?? .emptyObject).decode(as: AICluster.Status.self)) ?? AICluster.Status()
      var conditions = status.conditions ?? []
      ConditionList.set(
        "Degraded", .isTrue, reason: "InvalidSpec", message: message,
        generation: object[path: ["metadata", "generation"]]?.intValue, now: now, in: &conditions)
      status.conditions = conditions
      var encoded = try JSONValue(encoding: status)
      encoded["reconcile"] = object[path: ["status", "reconcile"]]
      object["status"] = encoded
    }
  }
}
