import AIResources
import KubeCore
import Views

/// `InferenceService`: a model served by AIClusters, with an optional canary pool.
enum InferenceServiceKind {
  /// The label naming the InferenceService an AICluster belongs to.
  static let clusterLabel = "ai.aiconsole.dev/inferenceservice"

  static let descriptor: KindDescriptor = {
    var kind = KindDescriptor(
      InferenceService.self,
      columns: [
        TypedColumn("MODEL") { typed, _ in CellText.of(typed.spec?.modelRef.name) },
        TypedColumn("READY", numeric: true) { typed, _ in
          CellText.fraction(typed.status?.readyReplicas, typed.status?.currentReplicas ?? typed.spec?.replicas)
        },
        TypedColumn("CANARY") { typed, _ in
          guard let canary = typed.spec?.canary else { return "-" }
          return "\(canary.modelRef.name) \(canary.trafficPercent ?? 0)%"
        },
        TypedColumn("STATUS") { typed, _ in CellText.of(typed.status?.modelStatus?.rawValue) },
        .tokens, .gpu, .reconcile,
      ])
    kind.operations = [.scale, .canary, .rollback, .delete]
    kind.instances = [.owned(AICluster.resource, label: clusterLabel)]
    kind.children = [.owned(AICluster.resource, label: clusterLabel)]
    kind.summary = KindDescriptor.fields(summary)
    return kind
  }()

  @Sendable static func summary(_ spec: JSONValue, _ status: JSONValue, into list: inout DetailFieldList) {
    list.add("Model", DetailFields.text(spec, "modelRef", "name"))
    let ready =
      "\(DetailFields.text(status, "readyReplicas") ?? "0")/\(DetailFields.text(status, "currentReplicas") ?? "0") ready"
    if let scaling = spec["scaling"] {
      var parts = [
        "\(DetailFields.text(scaling, "minReplicas") ?? "1")–\(DetailFields.text(scaling, "maxReplicas") ?? "?")"
      ]
      if let gpu = DetailFields.text(scaling, "targetGPUUtilization") { parts.append("target GPU \(gpu)%") }
      if let tokens = DetailFields.text(scaling, "targetTokensPerSecond") { parts.append("target \(tokens) tok/s") }
      list.add("Scaling", parts.joined(separator: " · ") + " · \(ready)")
    } else {
      list.add("Replicas", "\(DetailFields.text(spec, "replicas") ?? "1") desired · \(ready)")
    }
    if let canary = spec["canary"] {
      let share = DetailFields.text(canary, "trafficPercent") ?? "0"
      let canaryReady = DetailFields.text(status, "canary", "readyReplicas").map { " · \($0) ready" } ?? ""
      list.add("Canary", "\(DetailFields.text(canary, "modelRef", "name") ?? "?") at \(share)%\(canaryReady)")
    }
    let hardware = spec["hardwareProfile"]
    list.add(
      "Hardware",
      [SummaryText.resources(hardware), hardware.flatMap { DetailFields.text($0["gpuType"]) }].compactMap { $0 }
        .joined(separator: " · "))
    list.add(
      "Endpoint",
      DetailFields.text(status, "endpointURL") ?? DetailFields.text(spec, "endpointConfig", "port").map { ":\($0)" })
    let modelStatus = DetailFields.text(status, "modelStatus")
    list.add(
      "Model status", modelStatus,
      role: modelStatus == "Ready" ? .statusOK : (modelStatus == "Unhealthy" ? .statusError : .statusWarn))
    list.add("Context schema", DetailFields.text(spec, "contextSchemaRef", "name"))
  }
}
