import KubeCore

extension ClusterOperations {
  /// Sets the share of requests an InferenceService's canary takes (0...100).
  func setCanaryTraffic(_ name: String, percent: Int) async throws(OperationError) -> OperationResult {
    try await perform("canary-traffic", .inferenceService, name) { changeID in
      let target = "inferenceservice/\(name)"
      guard (0...100).contains(percent) else {
        throw OperationError(
          .badInput, "cannot set \(target)'s canary traffic to \(percent)%: it must be within 0..100")
      }
      let object = try await object(.inferenceService, name)
      let canary = try Self.canary(of: object, name)
      let change = FieldChange(
        path: ["spec", "canary", "trafficPercent"], old: canary["trafficPercent"], new: .int(Int64(percent)))
      return try await patch(
        .inferenceService, name, base: object, action: "canary-traffic", changes: [change], changeID: changeID,
        summary: "\(target) canary takes \(percent)% of the traffic (was \(FieldChange.text(change.old))%)")
    }
  }

  /// Makes the canary's model the stable one and removes the canary.
  func promoteCanary(_ name: String) async throws(OperationError) -> OperationResult {
    try await perform("canary-promote", .inferenceService, name) { changeID in
      let object = try await object(.inferenceService, name)
      let canary = try Self.canary(of: object, name)
      let changes = [
        FieldChange(
          path: ["spec", "modelRef", "name"], old: object[path: ["spec", "modelRef", "name"]],
          new: canary[path: ["modelRef", "name"]]),
        FieldChange(path: ["spec", "canary"], old: canary, new: nil),
      ]
      let model = FieldChange.text(canary[path: ["modelRef", "name"]])
      return try await patch(
        .inferenceService, name, base: object, action: "canary-promote", changes: changes, changeID: changeID,
        summary: "inferenceservice/\(name) promoted its canary: now serving \(model)")
    }
  }

  /// Removes the canary, leaving the stable model to take all the traffic.
  func abortCanary(_ name: String) async throws(OperationError) -> OperationResult {
    try await perform("canary-abort", .inferenceService, name) { changeID in
      let object = try await object(.inferenceService, name)
      let canary = try Self.canary(of: object, name)
      let model = FieldChange.text(canary[path: ["modelRef", "name"]])
      return try await patch(
        .inferenceService, name, base: object, action: "canary-abort",
        changes: [FieldChange(path: ["spec", "canary"], old: canary, new: nil)], changeID: changeID,
        summary: "inferenceservice/\(name) aborted its canary (\(model))")
    }
  }

  private static func canary(of object: JSONValue, _ name: String) throws(OperationError) -> JSONValue {
    guard let canary = object[path: ["spec", "canary"]], canary.objectValue != nil else {
      throw OperationError(.badInput, "inferenceservice/\(name) has no canary")
    }
    return canary
  }
}
