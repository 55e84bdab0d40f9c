import AIResources
import ClusterClient
import Foundation
import KubeCore
import Logging

/// InferenceService: runs its model in an owned AICluster and, with a canary, the canary's model
/// in a second one; sizes them from `replicas` or from `scaling` and the measured load; records
/// a ControllerRevision for every model it served, so rolling back is setting `modelRef` back;
/// and reports the pools' state as its own.
public struct InferenceServiceReconciler: Reconciler {
  public let resource = InferenceService.resource
  static let models = SimulatedRuntime.modelDeployments
  let client: KubeClient
  let events: EventRecorder
  let load: ServiceLoad
  let autoscalers = Autoscalers()
  let delivery: CanaryDelivery

  public init(client: KubeClient, events: EventRecorder, load: ServiceLoad, signals: GatewaySignals? = nil) {
    self.client = client
    self.events = events
    self.load = load
    delivery = CanaryDelivery(client: client, events: events, signals: signals)
  }

  public func watchRelated(enqueue: @escaping @Sendable (NamespacedName) async -> Void) async {
    let owned = OwnedObjects(
      client: client, resource: AIClusterReconciler.aiclusters, ownerKind: "InferenceService",
      labelSelector: ServiceClusters.serviceLabel)
    let referenced = ReferencedObjects(client: client, referrers: resource, referenced: Self.models) { service in
      [service[path: ["spec", "modelRef", "name"]], service[path: ["spec", "canary", "modelRef", "name"]]]
        .compactMap { $0?.stringValue }
    }
    await withTaskGroup(of: Void.self) { group in
      group.addTask { await owned.run(enqueue: enqueue) }
      group.addTask { await referenced.run(enqueue: enqueue) }
      if await load.isConfigured {
        group.addTask {
          while !Task.isCancelled {
            await load.refresh()
            try? await Task.sleep(for: load.period)
          }
        }
      }
    }
  }

  public func reconcile(_ request: ReconcileRequest) async throws -> ReconcileResult {
    guard let object = try await client.existing(resource, name: request.key.name, namespace: request.key.namespace)
    else {
      await autoscalers.forget(request.key)
      return .done
    }
    guard object[path: ["metadata", "deletionTimestamp"]] == nil else { return .done }
    let request = request.acting(on: object)
    let service = try object.decode(as: InferenceService.self)
    let namespace = service.metadata.namespace
    let model = try await modelDeployment(service.spec.modelRef.name, namespace)
    let canaryModel = try await service.spec.canary.asyncMap { try await modelDeployment($0.modelRef.name, namespace) }
    var stable: AICluster?
    var canary: AICluster?
    let problem = Self.modelProblem(service, model: model, canaryModel: canaryModel)
    if problem != nil {
      // Nothing is rolled out, but the pools already there keep serving: report them.
      stable = try await existingCluster(ServiceClusters.stableName(service), namespace)
      canary = try await existingCluster(ServiceClusters.canaryName(service), namespace)
    } else if let model = model.value {
      let replicas = try await replicas(for: service, object: object, request: request)
      stable = try await apply(
        ServiceClusters.stableName(service), role: "stable", service: service,
        spec: ServiceClusters.spec(for: service, model: model, replicas: replicas), request: request)
      try await recordRevision(of: service, model: model)
      if let canarySpec = service.spec.canary, let canaryModel = canaryModel?.value {
        let size = ServiceClusters.canaryReplicas(stable: replicas, percent: canarySpec.trafficPercent ?? 10)
        canary = try await apply(
          ServiceClusters.canaryName(service), role: "canary", service: service,
          spec: ServiceClusters.spec(for: service, model: canaryModel, replicas: size), request: request)
      }
    }
    if service.spec.canary == nil { try await removeCanary(of: service, request: request) }
    // The analysis runs once the pools are as the spec says; a step it takes is a spec edit,
    // which the next reconcile rolls out.
    let analysis =
      problem == nil
      ? try await delivery.drive(service, object: object, request: request)
      : CanaryDelivery.Outcome(analysis: service.status?.canary?.analysis)
    let now = LogTimestamp(Date()).rfc3339Seconds
    var status = InferenceServiceStatus(
      service: service, stable: stable, canary: canary, modelProblem: problem, now: now
    ).make()
    CanaryDelivery.apply(analysis, to: &status, generation: service.metadata.generation, now: now)
    try await write(status, key: request.key)
    return Self.requeue(
      service.spec.scaling != nil ? load.period : status.modelStatus == .ready ? nil : .seconds(5), analysis.recheck)
  }

  /// The sooner of two optional delays, or done.
  static func requeue(_ first: Duration?, _ second: Duration?) -> ReconcileResult {
    switch (first, second) {
    case (nil, nil): .done
    case (let delay?, nil), (nil, let delay?): .requeueAfter(delay)
    case (let a?, let b?): .requeueAfter(min(a, b))
    }
  }

  /// A ModelDeployment by name, or nil when it does not exist.
  private func modelDeployment(_ name: String, _ namespace: String?) async throws -> Found<ModelDeployment> {
    let object = try await client.existing(Self.models, name: name, namespace: namespace)
    return Found(name: name, value: try object?.decode(as: ModelDeployment.self))
  }

  struct Found<Value: Sendable>: Sendable {
    var name: String
    var value: Value?
  }

  /// An AICluster the service owns, as it is, or nil when there is none.
  private func existingCluster(_ name: String, _ namespace: String?) async throws -> AICluster? {
    try await client.existing(AIClusterReconciler.aiclusters, name: name, namespace: namespace)?
      .decode(as: AICluster.self)
  }

  static func modelProblem(
    _ service: InferenceService, model: Found<ModelDeployment>, canaryModel: Found<ModelDeployment>?
  ) -> InferenceServiceStatus.ModelProblem? {
    for (found, field) in [(model, "spec.modelRef"), (canaryModel, "spec.canary.modelRef")] {
      guard let found else { continue }
      guard let value = found.value else {
        return .init(reason: "ModelNotFound", message: "\(field): ModelDeployment \"\(found.name)\" not found")
      }
      if value.status?.phase == .failed {
        let why = value.condition("Available")?.message ?? "see its status"
        return .init(reason: "ModelFailed", message: "\(field): ModelDeployment \"\(found.name)\" failed: \(why)")
      }
    }
    return nil
  }

  /// Creates the AICluster or brings its spec to `spec`; returns it as it is now.
  private func apply(
    _ name: String, role: String, service: InferenceService, spec: AICluster.Spec, request: ReconcileRequest
  ) async throws -> AICluster {
    let desired = try ServiceClusters.cluster(
      named: name, role: role, for: service, spec: spec, changeID: request.changeID)
    let current: JSONValue
    do {
      current = try await client.get(AIClusterReconciler.aiclusters, name: name, namespace: service.metadata.namespace)
    } catch KubeError.notFound {
      request.logger.info("creating instance pool", metadata: ["aicluster": "\(name)"])
      return try await client.create(AIClusterReconciler.aiclusters, desired).decode(as: AICluster.self)
    }
    let existing = try current.decode(as: AICluster.self)
    guard existing.spec != spec else { return existing }
    var patch: JSONValue = ["spec": try JSONValue(encoding: spec)]
    if let changeID = request.changeID {
      // The spec differs, so the pool's generation goes up by one with this patch.
      patch["metadata"] = ["annotations": ChangeStamp(id: changeID, editing: current, changesSpec: true).annotations]
    }
    request.logger.info("updating instance pool", metadata: ["aicluster": "\(name)"])
    return try await client.patch(
      AIClusterReconciler.aiclusters, name: name, namespace: service.metadata.namespace, .merge(patch)
    ).decode(as: AICluster.self)
  }

  private func removeCanary(of service: InferenceService, request: ReconcileRequest) async throws {
    do {
      try await client.delete(
        AIClusterReconciler.aiclusters, name: ServiceClusters.canaryName(service), namespace: service.metadata.namespace
      )
      request.logger.info("removed the canary pool")
    } catch KubeError.notFound {}
  }

  private func recordRevision(of service: InferenceService, model: ModelDeployment) async throws {
    let owner: JSONValue = [
      "apiVersion": .string(service.apiVersion), "kind": "InferenceService",
      "name": .string(service.metadata.name ?? ""),
      "uid": .string(service.metadata.uid ?? ""), "controller": true, "blockOwnerDeletion": true,
    ]
    let history = RevisionHistory(
      client: client, owner: owner, namespace: service.metadata.namespace ?? "default",
      ownerName: service.metadata.name ?? "", ownerLabel: ServiceClusters.serviceLabel)
    let data: JSONValue = [
      "modelRef": ["name": .string(service.spec.modelRef.name)], "modelName": .string(model.spec.modelName),
      "modelVersion": .string(model.spec.modelVersion),
    ]
    let revisions = try await history.list()
    let (updated, _) = try await history.makeCurrent(
      hash: StableHash.name(service.spec.modelRef.name.utf8), data: data, in: revisions)
    try await history.prune(updated, limit: 10, keep: [StableHash.name(service.spec.modelRef.name.utf8)])
  }

  /// `spec.replicas`, or what the autoscaler recommends for `spec.scaling` (with an Event when it changes).
  private func replicas(for service: InferenceService, object: JSONValue, request: ReconcileRequest) async throws -> Int
  {
    guard let scaling = service.spec.scaling else { return service.spec.replicas ?? 1 }
    let current = try? await client.get(
      AIClusterReconciler.aiclusters, name: ServiceClusters.stableName(service), namespace: service.metadata.namespace
    ).decode(as: AICluster.self)
    let size = current?.spec.replicas ?? scaling.minReplicas ?? 1
    let observed = await load.load(
      model: current?.spec.modelName ?? "", podPrefix: "\(ServiceClusters.stableName(service))-", instances: size)
    let targets = ReplicaRecommender.Targets(
      minReplicas: scaling.minReplicas ?? 1, maxReplicas: scaling.maxReplicas ?? max(scaling.minReplicas ?? 1, size),
      tokensPerSecond: scaling.targetTokensPerSecond.map(Double.init),
      gpuUtilization: scaling.targetGPUUtilization.map(Double.init))
    let (replicas, reason) = await autoscalers.recommend(request.key, current: size, load: observed, targets: targets)
    if replicas != size, current != nil {
      await events.record(
        object, .normal, reason: "SuccessfulRescale", message: "New size: \(replicas); reason: \(reason)",
        changeID: request.changeID, logger: request.logger)
    }
    return replicas
  }

  private func write(_ status: InferenceService.Status, key: NamespacedName) async throws {
    let encoded = try JSONValue(encoding: status)
    try await StatusWriter(client: client).update(resource, key) { current in
      var merged = encoded
      merged["reconcile"] = current[path: ["status", "reconcile"]]
      merged["observedGeneration"] = current[path: ["status", "observedGeneration"]]
      current["status"] = merged
    }
  }
}

/// The autoscalers' memory of recent recommendations, per service.
actor Autoscalers {
  private var recommenders: [NamespacedName: ReplicaRecommender] = [:]

  func recommend(
    _ key: NamespacedName, current: Int, load: ReplicaRecommender.Load?, targets: ReplicaRecommender.Targets
  ) -> (Int, String) {
    recommenders[key, default: ReplicaRecommender()].recommend(
      current: current, load: load, targets: targets, now: Date())
  }

  func forget(_ key: NamespacedName) { recommenders[key] = nil }
}

extension Optional where Wrapped: Sendable {
  func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
    guard let self else { return nil }
    return try await transform(self)
  }
}
