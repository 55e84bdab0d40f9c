import AIResources
import KubeCore

/// The status an InferenceService should show, from its AIClusters' statuses. Pure.
struct InferenceServiceStatus {
  var service: InferenceService
  var stable: AICluster?
  var canary: AICluster?
  /// Why the models cannot be served, when they cannot (a missing or failed ModelDeployment).
  var modelProblem: String?
  var now: String

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
      status.modelStatus = .unhealthy
      set("Ready", .isFalse, "ModelUnavailable", modelProblem)
      set("Progressing", .isFalse, "ModelUnavailable", modelProblem)
      set("Degraded", .isTrue, "ModelUnavailable", modelProblem)
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
