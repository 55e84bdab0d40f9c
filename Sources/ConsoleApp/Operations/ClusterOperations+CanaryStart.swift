import AIResources
import KubeCore

extension ClusterOperations {
  /// Gives an InferenceService without a canary one: `model`, another ModelDeployment of the
  /// stable one's model, taking `percent` of the requests; with `analysis`, the controller steps
  /// it on from there and judges it at each step (`defaultAnalysis`). One conditional merge patch
  /// of `spec.canary`, stamped with the change-id.
  func startCanary(_ name: String, model: String, percent: Int, analysis: Bool) async throws(OperationError)
    -> OperationResult
  {
    try await perform("canary-start", .inferenceService, name) { changeID in
      let target = "inferenceservice/\(name)"
      guard (1...100).contains(percent) else {
        throw OperationError(.badInput, "cannot start \(target)'s canary at \(percent)%: it must be within 1..100")
      }
      let object = try await object(.inferenceService, name)
      if let canary = object[path: ["spec", "canary"]], canary.objectValue != nil {
        let current = FieldChange.text(canary[path: ["modelRef", "name"]])
        throw OperationError(
          .badInput, "\(target) already has a canary (\(current)): set its traffic, promote or abort it first")
      }
      try await checkCanaryModel(model, of: object, target)
      var canary: JSONValue = ["modelRef": ["name": .string(model)], "trafficPercent": .int(Int64(percent))]
      if analysis { canary["analysis"] = try JSONValue(encoding: Self.defaultAnalysis(firstStep: percent)) }
      let change = FieldChange(path: ["spec", "canary"], old: nil, new: canary)
      let how = analysis ? ", stepped by analysis" : ""
      return try await patch(
        .inferenceService, name, base: object, action: "canary-start", changes: [change], changeID: changeID,
        summary: "\(target) canary \(model) takes \(percent)% of the traffic\(how)")
    }
  }

  /// The analysis a canary started from aiconsole gets: the first step, then 25, 50 and 100%
  /// above it, a minute each; the canary's p99 latency held to 1.5× the stable pool's and its
  /// error rate to 2× (so none while the stable pool has none), over at least the default
  /// `minRequests` a step.
  static func defaultAnalysis(firstStep: Int) -> InferenceService.Spec.Canary.Analysis {
    let percents = [firstStep] + [25, 50, 100].filter { $0 > firstStep }
    typealias Analysis = InferenceService.Spec.Canary.Analysis
    return Analysis(
      steps: percents.map { Analysis.Step(trafficPercent: $0, duration: "1m") },
      thresholds: Analysis.Thresholds(
        maxErrorRate: Analysis.Threshold(mode: .relative, value: 2),
        maxLatencyP99: Analysis.Threshold(mode: .relative, value: 1.5)))
  }

  /// Refuses a canary ModelDeployment that is missing, is the stable one, or serves another model.
  private func checkCanaryModel(_ model: String, of service: JSONValue, _ target: String) async throws {
    let stableName = service[path: ["spec", "modelRef", "name"]]?.stringValue ?? ""
    guard model != stableName else {
      throw OperationError(.badInput, "\(model) is \(target)'s stable ModelDeployment: pick another for the canary")
    }
    let deployments = ModelDeployment.resource
    let canary = try await client.get(deployments, name: model, namespace: namespace)
    let stable = try? await client.get(deployments, name: stableName, namespace: namespace)
    let canaryModel = canary[path: ["spec", "modelName"]]?.stringValue ?? ""
    if let stableModel = stable?[path: ["spec", "modelName"]]?.stringValue, stableModel != canaryModel {
      throw OperationError(
        .badInput,
        "modeldeployment/\(model) serves \(canaryModel), not \(stableModel) as \(target)'s stable \(stableName) does")
    }
  }
}
