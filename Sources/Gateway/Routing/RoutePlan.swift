import AIResources

/// A route as its requests meet it, worked out once per routing snapshot: its `namespace/name`,
/// its backends' weights, and each backend's pools (stable and canary) with their Ready
/// instances and metric handles. A request then builds no `namespace/name` key, looks up no
/// service or pool by one, and hashes no label strings to find its metrics (`MetricsSlot`).
final class RoutePlan: Sendable {
  let route: AIModelRoute
  /// The route's namespace, `default` when unset.
  let namespace: String
  /// `namespace/name`, as the access log, the rate limiter and the metrics name the route.
  let name: String
  let backends: [Backend]
  /// The sum of the backends' weights (each at least 0).
  let totalWeight: Int

  /// A backend of the route: its InferenceService's name, its weight, and its pools when the
  /// service exists.
  struct Backend: Sendable {
    let service: String
    let weight: Int
    let pools: Pools?
  }

  /// The pools of one InferenceService.
  struct Pools: Sendable {
    let service: InferenceService
    let stable: Pool
    /// Present when the service has a canary.
    let canary: Pool?
  }

  /// One pool: its labels, its Ready instances, and the handles of the metrics its requests count in.
  struct Pool: Sendable {
    let labels: ServingPool
    let instances: [ServingInstance]
    let series = MetricsSlot()
  }

  init(_ route: AIModelRoute, services: [String: InferenceService], instances: [String: [ServingInstance]]) {
    self.route = route
    let namespace = route.metadata.namespace ?? "default"
    self.namespace = namespace
    name = "\(namespace)/\(route.metadata.name ?? "")"
    backends = route.spec.backends.map { backend in
      let pools = services[RoutingSnapshot.key(namespace, backend.service)].map { service in
        func pool(_ role: ServingPool.Role) -> Pool {
          Pool(
            labels: ServingPool(service, role: role),
            instances: instances[RoutingSnapshot.key(namespace, RouteSelection.cluster(of: service, role: role))] ?? [])
        }
        return Pools(service: service, stable: pool(.stable), canary: service.spec.canary == nil ? nil : pool(.canary))
      }
      return Backend(service: backend.service, weight: max(0, backend.weight ?? 100), pools: pools)
    }
    totalWeight = backends.reduce(0) { $0 + $1.weight }
  }

  /// The backend a draw in `0..<totalWeight` lands on, as `RouteSelection.backend` picks it.
  func backend(at draw: Int) -> Backend? {
    var point = draw
    for backend in backends {
      if point < backend.weight { return backend }
      point -= backend.weight
    }
    return nil
  }

  /// The plans of `routes` by model, each model's in the order `RouteSelection.route` tries them
  /// (oldest `namespace/name` first).
  static func byModel(
    _ routes: [AIModelRoute], services: [String: InferenceService], instances: [String: [ServingInstance]]
  ) -> [String: [RoutePlan]] {
    let plans = routes.map { RoutePlan($0, services: services, instances: instances) }
    return Dictionary(grouping: plans) { $0.route.spec.model }.mapValues { plans in
      plans.sorted {
        RoutingSnapshot.key($0.route.metadata.namespace, $0.route.metadata.name)
          < RoutingSnapshot.key($1.route.metadata.namespace, $1.route.metadata.name)
      }
    }
  }
}
