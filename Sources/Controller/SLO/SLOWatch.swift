import AIResources
import ClusterClient
import Foundation
import KubeCore

/// Looks at every AIApplication with objectives once per scrape period and wakes it up only when
/// its measure (`status.slo` or the `SLOBreached` verdict) differs from what its status shows, so
/// that steady traffic writes nothing and a change writes once. The reconcile then measures
/// again and writes, beside the members' health.
struct SLOWatch: Sendable {
  let client: KubeClient
  let judge: SLOJudge
  let period: Duration

  func run(enqueue: @escaping @Sendable (NamespacedName) async -> Void) async {
    let applications = Informer(client: client, resource: AIApplication.resource)
    let routes = Informer(client: client, resource: AIModelRoute.resource)
    await withTaskGroup(of: Void.self) { group in
      group.addTask { await applications.run() }
      group.addTask { await routes.run() }
      group.addTask {
        await applications.waitUntilSynced()
        await routes.waitUntilSynced()
        while !Task.isCancelled {
          for object in await applications.list() {
            guard let key = NamespacedName(of: object), let application = try? object.decode(as: AIApplication.self)
            else { continue }
            let backends = await (application.spec.routes ?? []).asyncFlatMap { reference in
              Self.backends(of: await routes.object(namespace: key.namespace, name: reference.name))
            }
            if await Self.changed(application, backends: backends, judge: judge) { await enqueue(key) }
          }
          try? await Task.sleep(for: period)
        }
      }
    }
  }

  /// Whether the measure now differs from the one `application`'s status shows.
  static func changed(_ application: AIApplication, backends: [String], judge: SLOJudge) async -> Bool {
    let (slo, verdict) = await judge.judge(application, backends: backends)
    let shown = application.status?.conditions?.first { $0.type == "SLOBreached" }
    return application.status?.slo != slo || shown?.status != verdict?.status || shown?.reason != verdict?.reason
      || shown?.message != verdict?.message
  }

  /// The InferenceServices a route sends to.
  static func backends(of route: JSONValue?) -> [String] {
    (route?[path: ["spec", "backends"]]?.arrayValue ?? []).compactMap { $0["service"]?.stringValue }
  }

  /// Writes the measure into `status`: `slo`, `SLOBreached` (removed without objectives), and a
  /// health of at least `Degraded` while an objective is breached.
  static func apply(
    _ slo: AIApplication.Status.SLO?, _ verdict: SLOEvaluation.Verdict?, generation: Int64?, now: String,
    to status: inout AIApplication.Status
  ) {
    status.slo = slo
    var conditions = status.conditions ?? []
    if let verdict {
      ConditionList.set(
        "SLOBreached", verdict.status, reason: verdict.reason, message: verdict.message, generation: generation,
        now: now, in: &conditions)
    } else {
      conditions.removeAll { $0.type == "SLOBreached" }
    }
    status.conditions = conditions
    if verdict?.status == .isTrue, status.health == .healthy { status.health = .degraded }
  }
}

extension Array where Element: Sendable {
  /// The elements' results, concatenated, computed one after the other.
  func asyncFlatMap<T>(_ transform: (Element) async -> [T]) async -> [T] {
    var result: [T] = []
    for element in self { result += await transform(element) }
    return result
  }
}
