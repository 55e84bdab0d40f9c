import AIResources
import ClusterClient
import Foundation
import KubeCore

/// AIApplication: aggregates the health of the InferenceServices and AIModelRoutes it names into
/// `health`, `services` and `Ready`, and looks again whenever one of them changes; measures the
/// objectives of `spec.monitoring` against the gateway's metrics into `status.slo` and
/// `SLOBreached`, and looks again when that measure changes (`SLOWatch`).
public struct AIApplicationReconciler: Reconciler {
  public let resource = AIApplication.resource
  static let services = InferenceService.resource
  static let routes = AIModelRoute.resource
  let client: KubeClient
  let judge: SLOJudge

  public init(client: KubeClient, signals: GatewaySignals? = nil) {
    self.client = client
    judge = SLOJudge(signals: signals)
  }

  public func watchRelated(enqueue: @escaping @Sendable (NamespacedName) async -> Void) async {
    let watches = [(Self.services, "services"), (Self.routes, "routes")].map { referenced, field in
      ReferencedObjects(client: client, referrers: resource, referenced: referenced) { application in
        (application[path: ["spec", field]]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
      }
    }
    let slo = judge.signals.map { SLOWatch(client: client, judge: judge, period: $0.period) }
    await withTaskGroup(of: Void.self) { group in
      for watch in watches { group.addTask { await watch.run(enqueue: enqueue) } }
      if let slo, judge.signals?.isConfigured == true { group.addTask { await slo.run(enqueue: enqueue) } }
    }
  }

  /// One member's state: ready, and what to say about it.
  struct Member: Sendable, Equatable {
    var name: String
    var ready: Bool
    var message: String
  }

  public func reconcile(_ request: ReconcileRequest) async throws -> ReconcileResult {
    guard let object = try await client.existing(resource, name: request.key.name, namespace: request.key.namespace)
    else { return .done }
    let application = try object.decode(as: AIApplication.self)
    var members: [Member] = []
    var backends: [String] = []
    for reference in application.spec.services ?? [] {
      members.append(try await member(Self.services, reference.name, request.key.namespace, condition: "Ready").0)
    }
    for reference in application.spec.routes ?? [] {
      let (found, route) = try await member(Self.routes, reference.name, request.key.namespace, condition: "Programmed")
      members.append(found)
      backends += SLOWatch.backends(of: route)
    }
    let now = LogTimestamp(Date()).rfc3339Seconds
    let found = members
    let (slo, verdict) = await judge.judge(application, backends: backends)
    try await StatusWriter(client: client).update(resource, request.key) { current in
      var computed = Self.status(of: application, members: found, now: now)
      SLOWatch.apply(slo, verdict, generation: application.metadata.generation, now: now, to: &computed)
      var status = try JSONValue(encoding: computed)
      status["reconcile"] = current[path: ["status", "reconcile"]]
      status["observedGeneration"] = current[path: ["status", "observedGeneration"]]
      current["status"] = status
    }
    return .done
  }

  /// The member's state, and the object when it exists.
  private func member(_ resource: APIResource, _ name: String, _ namespace: String?, condition: String) async throws
    -> (Member, JSONValue?)
  {
    let kind = resource.kind
    do {
      let object = try await client.get(resource, name: name, namespace: namespace)
      let found = object[path: ["status", "conditions"]]?.arrayValue?.first { $0["type"]?.stringValue == condition }
      let ready = found?["status"] == "True"
      let message = found?["message"]?.stringValue ?? "\(kind) has not reported \(condition) yet"
      return (Member(name: "\(kind)/\(name)", ready: ready, message: message), object)
    } catch KubeError.notFound {
      return (Member(name: "\(kind)/\(name)", ready: false, message: "\(kind) \"\(name)\" not found"), nil)
    }
  }

  /// Healthy when every member is ready, Unhealthy when none is, Degraded in between, Unknown
  /// with no members.
  static func status(of application: AIApplication, members: [Member], now: String) -> AIApplication.Status {
    var status = application.status ?? AIApplication.Status()
    let ready = members.filter(\.ready).count
    status.health =
      members.isEmpty ? .unknown : ready == members.count ? .healthy : ready == 0 ? .unhealthy : .degraded
    status.services = members.map { .init(name: $0.name, ready: $0.ready, message: $0.message) }
    var conditions = status.conditions ?? []
    let failing = members.filter { !$0.ready }.map { "\($0.name): \($0.message)" }
    ConditionList.set(
      "Ready", status.health == .healthy ? .isTrue : .isFalse, reason: status.health?.rawValue ?? "Unknown",
      message: failing.isEmpty ? "\(ready)/\(members.count) members ready" : failing.joined(separator: "; "),
      generation: application.metadata.generation, now: now, in: &conditions)
    status.conditions = conditions
    return status
  }
}
