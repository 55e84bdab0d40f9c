import AIResources
import KubeCore

/// The routing decisions, as pure functions so that splits and tie-breaks are tested without a
/// cluster: which route a model names, which backend its weights pick, whether the canary takes a
/// request, and how an instance Pod is reached.
enum RouteSelection {
  /// The route for `model`: among routes naming it, the one whose `path` is the request's, else
  /// any; oldest namespace/name first so the choice is stable.
  static func route(for model: String, path: String, in routes: [AIModelRoute]) -> AIModelRoute? {
    let named = routes.filter { $0.spec.model == model }.sorted { key($0) < key($1) }
    return named.first { ($0.spec.path ?? InferenceRequest.Endpoint.chat.rawValue) == path } ?? named.first
  }

  private static func key(_ route: AIModelRoute) -> String {
    "\(route.metadata.namespace ?? "")/\(route.metadata.name ?? "")"
  }

  /// The backend a draw in `0..<total weight` lands on; nil when no backend has weight.
  static func backend(of route: AIModelRoute, draw: (Int) -> Int) -> String? {
    let backends = route.spec.backends.map { ($0.service, max(0, $0.weight ?? 100)) }
    let total = backends.map(\.1).reduce(0, +)
    guard total > 0 else { return nil }
    var point = draw(total)
    for (service, weight) in backends {
      if point < weight { return service }
      point -= weight
    }
    return nil
  }

  /// The AICluster a request to `service` goes to: the canary's for `trafficPercent` of draws in
  /// `0..<100` when the service has a canary, else the stable one.
  static func cluster(of service: InferenceService, draw: Int) -> String {
    cluster(of: service, role: role(of: service, draw: draw))
  }

  /// The pool a draw in `0..<100` picks: the canary for `trafficPercent` of draws when the
  /// service has a canary, else the stable one.
  static func role(of service: InferenceService, draw: Int) -> ServingPool.Role {
    guard let canary = service.spec.canary else { return .stable }
    return draw < (canary.trafficPercent ?? 10) ? .canary : .stable
  }

  /// The AICluster that runs `role` of `service` (the controller's `ServiceClusters` names them).
  static func cluster(of service: InferenceService, role: ServingPool.Role) -> String {
    let name = service.metadata.name ?? ""
    return role == .canary ? "\(name)-canary" : name
  }

  /// A Ready instance Pod as the gateway reaches it; nil for a Pod that does not serve.
  static func instance(_ pod: JSONValue, of cluster: AICluster) -> ServingInstance? {
    let ready = pod[path: ["status", "conditions"]]?.arrayValue?.contains {
      $0["type"] == "Ready" && $0["status"] == "True"
    }
    guard ready == true, pod[path: ["metadata", "deletionTimestamp"]] == nil,
      let name = pod[path: ["metadata", "name"]]?.stringValue
    else { return nil }
    let simulated = pod[path: ["spec", "schedulerName"]] == "aiconsole-simulated-fleet"
    let annotation = pod[path: ["metadata", "annotations", "ai.aiconsole.dev/simulation"]]?.stringValue
    let simulation = annotation.flatMap {
      try? JSONParser.parse(Array($0.utf8)).decode(as: ModelDeployment.Spec.Simulation.self)
    }
    return ServingInstance(
      kind: simulated ? .simulated : .http, namespace: pod[path: ["metadata", "namespace"]]?.stringValue ?? "",
      pod: name, cluster: cluster.metadata.name ?? "", node: pod[path: ["spec", "nodeName"]]?.stringValue ?? "",
      podIP: pod[path: ["status", "podIP"]]?.stringValue ?? "", port: cluster.spec.endpoint?.port ?? 8000,
      modelName: cluster.spec.modelName, modelVersion: cluster.spec.modelVersion ?? "",
      gpus: max(simulated ? 1 : 0, cluster.spec.resourceRequests?.gpu ?? 0), simulation: simulation)
  }
}
