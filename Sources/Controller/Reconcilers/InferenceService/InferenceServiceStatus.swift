import AIResources
import KubeCore

/// The status an InferenceService should show, from its AIClusters' statuses. Pure.
struct InferenceServiceStatus {
  var service: InferenceService
  var stable: AICluster?
  var canary: AICluster?
  /// Why the models cannot be rolled out, when they cannot (a missing or failed ModelDeployment).
  var modelProblem: ModelProblem?
  var now: String

  /// A ModelDeployment the spec names that cannot be served.
  struct ModelProblem: Sendable, Hashable {
    /// `ModelNotFound` or `ModelFailed`.
    var reason: String
    /// Which reference and why.
    var message: String
  }

  func make() -> InferenceService.Status {
    var status = service.status ?? InferenceService.Status()
    status.currentReplicas = stable?.status?.replicas ?? 0
    status.readyReplicas = stable?.status?.activeInstances ?? 0
    status.selector = "\(InstanceLabels.cluster)=\(ServiceClusters.stableName(service))"
    if let hostname = service.spec.endpointConfig?.hostname {
      status.endpointURL = "http://\(hostname):\(service.spec.endpointConfig?.port ?? InstanceTemplate.defaultPort)"
    } else {
      status.endpointURL = stable?.status?.endpointURL
    }
    status.canary =
      service.spec.canary.map {
        .init(readyReplicas: canary?.status?.activeInstances ?? 0, trafficPercent: $0.trafficPercent ?? 10)
      }
    var conditions = status.conditions ?? []
    let generation = service.metadata.generation
    func set(_ type: String, _ value: Condition.Status, _ reason: String, _ message: String) {
      ConditionList.set(
        type, value, reason: reason, message: message, generation: generation, now: now, in: &conditions)
    }
    if let modelProblem {
      report(modelProblem, into: set)
      status.modelStatus = stable == nil ? .unhealthy : modelStatus()
    } else {
      mirror(stable, into: set)
      status.modelStatus = modelStatus()
    }
    if service.spec.canary != nil {
      let ready = canary?.condition("Ready")
      set(
        "CanaryReady", ready?.status ?? .unknown, ready?.reason ?? "Creating",
        "canary \(ServiceClusters.canaryName(service)): \(ready?.message ?? "being created")")
    } else {
      conditions.removeAll { $0.type == "CanaryReady" }
    }
    if modelProblem == nil, let degraded = canary?.condition("Degraded"), degraded.status == .isTrue,
      stable?.condition("Degraded")?.status != .isTrue
    {
      set("Degraded", .isTrue, degraded.reason, "canary: \(degraded.message)")
    }
    status.conditions = conditions
    return status
  }

  /// A model that cannot be rolled out stops the rollout, but the pool already there keeps
  /// serving what it served: Ready follows it, and Degraded names the model.
  private func report(_ problem: ModelProblem, into set: (String, Condition.Status, String, String) -> Void) {
    guard let stable else {
      set("Ready", .isFalse, problem.reason, "\(problem.message); nothing serves")
      set("Progressing", .isFalse, problem.reason, problem.message)
      set("Degraded", .isTrue, problem.reason, problem.message)
      return
    }
    let ready = stable.status?.activeInstances ?? 0
    let serving =
      "still serving \(stable.spec.modelName) \(stable.spec.modelVersion ?? "") from aicluster "
      + "\(stable.metadata.name ?? "") (\(ready)/\(stable.spec.replicas ?? 0) ready)"
    if let condition = stable.condition("Ready") {
      set("Ready", condition.status, condition.reason, condition.message)
    } else {
      set("Ready", .unknown, "Creating", "the instance pool is being created")
    }
    set("Progressing", .isFalse, problem.reason, "\(problem.message): the rollout waits for it")
    set("Degraded", .isTrue, problem.reason, "\(problem.message); \(serving)")
  }

  private func mirror(_ stable: AICluster?, into set: (String, Condition.Status, String, String) -> Void) {
    for type in ["Ready", "Progressing", "Degraded"] {
      if let condition = stable?.condition(type) {
        set(type, condition.status, condition.reason, condition.message)
      } else {
        set(type, type == "Progressing" ? .isTrue : .unknown, "Creating", "the instance pool is being created")
      }
    }
  }

  private func modelStatus() -> InferenceService.Status.ModelStatus {
    if stable?.condition("Degraded")?.status == .isTrue { return .unhealthy }
    return stable?.condition("Ready")?.status == .isTrue ? .ready : .loading
  }
}
