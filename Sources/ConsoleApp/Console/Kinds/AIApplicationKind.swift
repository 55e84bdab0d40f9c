import AIResources
import KubeCore
import Views

/// `AIApplication`: the InferenceServices and routes of one product, with its health.
enum AIApplicationKind {
  static let services = KindLink.listed(InferenceService.resource, path: ["spec", "services"], key: "name")
  static let routes = KindLink.listed(AIModelRoute.resource, path: ["spec", "routes"], key: "name")

  static let descriptor: KindDescriptor = {
    var kind = KindDescriptor(
      AIApplication.self,
      columns: [
        TypedColumn("HEALTH") { typed, _ in CellText.of(typed.status?.health?.rawValue) },
        TypedColumn("SERVICES", numeric: true) { typed, _ in
          // status.services also lists the routes' members; count the spec's services only.
          let wanted = Set((typed.spec?.services ?? []).map(\.name))
          let ready = (typed.status?.services ?? []).filter { $0.ready == true && wanted.contains($0.name ?? "") }
          return "\(ready.count)/\(wanted.count)"
        },
        TypedColumn("ROUTES", numeric: true) { typed, _ in String(typed.spec?.routes?.count ?? 0) },
        .reconcile,
      ])
    kind.instances = [services]
    kind.children = [services, routes]
    kind.summary = KindDescriptor.fields(summary)
    return kind
  }()

  @Sendable static func summary(_ spec: JSONValue, _ status: JSONValue, into list: inout DetailFieldList) {
    list.add("Services", SummaryText.names(spec["services"]))
    list.add("Routes", SummaryText.names(spec["routes"]))
    let health = DetailFields.text(status, "health")
    let roles: [String: ThemeRole] = ["Healthy": .statusOK, "Degraded": .statusWarn, "Unhealthy": .statusError]
    list.add("Health", health, role: health.flatMap { roles[$0] } ?? .statusUnknown)
    let parts = [
      DetailFields.text(spec, "monitoring", "latencyP99Millis").map { "p99 ≤ \($0)ms" },
      DetailFields.text(spec, "monitoring", "errorRatePercent").map { "errors ≤ \($0)%" },
    ]
    list.add("Monitoring", parts.compactMap { $0 }.joined(separator: " · "))
    list.add(
      "Data pipeline", DetailFields.text(spec, "dataPipelineRef", "name") ?? DetailFields.text(spec["dataPipelineRef"]))
  }
}
