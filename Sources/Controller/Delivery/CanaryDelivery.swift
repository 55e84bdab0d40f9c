import AIResources
import ClusterClient
import Foundation
import KubeCore
import Logging

/// Carries out `CanaryAnalysis`' decisions on an InferenceService: reads the two pools' figures
/// since the step began from the gateway's signals, and makes each step an ordinary edit of the
/// spec, stamped with a fresh `ai.aiconsole.dev/change-id` as the console's operations are (so the
/// reconcile it triggers, its Events and its logs carry that ID): `spec.canary.trafficPercent`
/// for a step, `modelRef` set to the canary's with `canary` removed for a promotion (what
/// `aiconsole canary --promote` does), `canary` removed for an abort. Each edit is conditional
/// on the resourceVersion the reconcile read, so a concurrent edit wins and the decision is
/// taken again on the fresh object.
struct CanaryDelivery: Sendable {
  let client: KubeClient
  let events: EventRecorder
  let signals: GatewaySignals?
  static let fieldManager = "aiconsole-controller"

  /// What the status should show after the decision, and when to look again.
  struct Outcome: Sendable {
    var analysis: InferenceService.Status.AnalysisStatus?
    /// `CanaryAborted` to set True: reason and message.
    var aborted: (reason: String, message: String)?
    /// A new analysis began: an earlier `CanaryAborted` turns False.
    var restarted = false
    var recheck: Duration?
  }

  /// Decides and acts for `service` (as `object`, just read).
  func drive(_ service: InferenceService, object: JSONValue, request: ReconcileRequest) async throws -> Outcome {
    let stored = service.status?.canary?.analysis
    guard let canary = service.spec.canary, let analysis = canary.analysis, !analysis.steps.isEmpty else {
      // The verdict of a finished analysis stays on show; a running one whose spec went is dropped.
      return Outcome(analysis: stored?.phase == .progressing ? nil : stored)
    }
    let now = signals?.currentTime() ?? MetricsScraper.wallClock()
    let judge = CanaryAnalysis(
      analysis: analysis, canaryModel: canary.modelRef.name, trafficPercent: canary.trafficPercent ?? 10,
      current: stored, now: now)
    let (canaryFigures, stableFigures) = await figures(of: service, since: judge.isRunning ? stored : nil)
    let decision = judge.decide(canary: canaryFigures, stable: stableFigures)
    var outcome = Outcome(analysis: decision.status, restarted: !judge.isRunning)
    try await act(decision, service: service, object: object, request: request, outcome: &outcome)
    let period = signals?.period ?? .seconds(15)
    outcome.recheck = decision.recheckMillis.map { min(.milliseconds(max($0, 100)), period) }
    return outcome
  }

  /// The canary's and the stable pool's figures since the stored step began; nil without signals.
  private func figures(of service: InferenceService, since status: InferenceService.Status.AnalysisStatus?) async
    -> (PoolFigures?, PoolFigures?)
  {
    guard let signals, let start = status?.stepStartTime.flatMap(Timestamps.parse),
      let window = await signals.window(from: Int64((start.timeIntervalSince1970 * 1000).rounded()))
    else { return (nil, nil) }
    let namespace = service.metadata.namespace ?? "default"
    let name = service.metadata.name ?? ""
    let pool = { (role: String) in
      PoolFigures(window.total { $0.namespace == namespace && $0.service == name && $0.pool == role })
    }
    return (pool("canary"), pool("stable"))
  }

  private func act(
    _ decision: CanaryAnalysis.Decision, service: InferenceService, object: JSONValue, request: ReconcileRequest,
    outcome: inout Outcome
  ) async throws {
    let model = service.spec.canary?.modelRef.name ?? ""
    switch decision.action {
    case .none:
      return
    case .setTraffic(let percent):
      let spec: JSONValue = ["canary": ["trafficPercent": .int(Int64(percent))]]
      try await edit(object, spec: spec, reason: "CanaryStep", .normal, decision.status.message ?? "", request)
    case .promote:
      let spec: JSONValue = ["modelRef": ["name": .string(model)], "canary": .null]
      try await edit(object, spec: spec, reason: "CanaryPromoted", .normal, decision.status.message ?? "", request)
    case .abort(let reason, let message):
      try await edit(object, spec: ["canary": .null], reason: "CanaryAborted", .warning, message, request)
      outcome.aborted = (reason, message)
    }
  }

  /// One stamped, conditional merge patch of the spec, and its Event.
  private func edit(
    _ object: JSONValue, spec: JSONValue, reason: String, _ type: EventRecorder.EventType, _ message: String,
    _ request: ReconcileRequest
  ) async throws {
    let changeID = UUID().uuidString.lowercased()
    let stamp = ChangeStamp(id: changeID, editing: object, changesSpec: true)
    var metadata: JSONValue = ["annotations": stamp.annotations]
    metadata["resourceVersion"] = object[path: ["metadata", "resourceVersion"]]
    let updated = try await client.patch(
      InferenceService.resource, name: request.key.name, namespace: request.key.namespace,
      .merge(["metadata": metadata, "spec": spec]), fieldManager: Self.fieldManager)
    var logger = request.logger
    logger[metadataKey: "correlation_id"] = "\(changeID)"
    logger.info("canary analysis: \(message)", metadata: ["event": "\(reason)"])
    await events.record(updated, type, reason: reason, message: message, changeID: changeID, logger: logger)
  }

  /// Puts the outcome into `status`: `canary.analysis` (kept after the canary goes, as its
  /// verdict) and `CanaryAborted`.
  static func apply(_ outcome: Outcome, to status: inout InferenceService.Status, generation: Int64?, now: String) {
    if let analysis = outcome.analysis {
      var canary = status.canary ?? InferenceService.Status.CanaryStatus()
      canary.analysis = analysis
      status.canary = canary
    }
    var conditions = status.conditions ?? []
    if let aborted = outcome.aborted {
      ConditionList.set(
        "CanaryAborted", .isTrue, reason: aborted.reason, message: aborted.message, generation: generation, now: now,
        in: &conditions)
    } else if outcome.restarted, conditions.contains(where: { $0.type == "CanaryAborted" }),
      let model = outcome.analysis?.canaryModel
    {
      ConditionList.set(
        "CanaryAborted", .isFalse, reason: "AnalysisRunning", message: "a new analysis of \(model) is running",
        generation: generation, now: now, in: &conditions)
    }
    status.conditions = conditions
  }
}
