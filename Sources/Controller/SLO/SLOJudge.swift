import AIResources
import KubeCore

/// Judges an AIApplication's objectives from the gateway's signals: the keys of its routes and
/// of its services (named, or behind its routes), over every window `SLOEvaluation` reads.
struct SLOJudge: Sendable {
  /// nil or unconfigured: there are no metrics to judge by.
  var signals: GatewaySignals?

  /// `status.slo` and the `SLOBreached` verdict; both nil when the application sets no objective.
  func judge(_ application: AIApplication, backends: [String]) async -> (
    AIApplication.Status.SLO?, SLOEvaluation.Verdict?
  ) {
    guard let monitoring = application.spec.monitoring,
      monitoring.latencyP99Millis != nil || monitoring.errorRatePercent != nil
    else { return (nil, nil) }
    guard let signals, signals.isConfigured else {
      return (
        nil,
        .init(
          status: .unknown, reason: "NoMetricsSource",
          message: "the controller reads no gateway metrics (--metrics-source): the objectives are not measured")
      )
    }
    let namespace = application.metadata.namespace ?? "default"
    let routes = Set((application.spec.routes ?? []).map { "\(namespace)/\($0.name)" })
    let services = Set((application.spec.services ?? []).map(\.name) + backends)
    var evaluation = SLOEvaluation(monitoring: monitoring, window: { _ in nil }) { key in
      routes.contains(key.route) || (key.namespace == namespace && services.contains(key.service))
    }
    let lengths = BurnRate.windows.map(\.seconds) + [evaluation.budgetSeconds]
    let windows = await signals.windows(lengths)
    evaluation.window = { windows[$0] }
    let (slo, verdict) = evaluation.evaluate()
    return (slo, verdict)
  }
}
