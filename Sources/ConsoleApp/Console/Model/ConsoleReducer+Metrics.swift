import AIResources
import ClusterClient
import KubeCore

extension ConsoleReducer {
  /// What of the metrics belongs to the selection: its models, routes, instance pods and their
  /// nodes, drawn first and emphasised in the metrics pane.
  static func metricsHighlight(_ state: ConsoleState) -> MetricsHighlight {
    guard let (resource, object) = state.selection else { return MetricsHighlight() }
    let descriptor = state.registry.descriptor(for: resource)
    let models: Set<String> = descriptor.model(object).map { [$0] } ?? []
    var routes: Set<String> = []
    if descriptor.isGatewayRoute, let name = object[path: ["metadata", "name"]]?.stringValue { routes.insert(name) }
    let pods = Ownership(store: state.store, registry: state.registry).pods(of: resource, object)
    var podKeys: Set<String> = []
    var nodes: Set<String> = []
    for pod in pods {
      podKeys.insert(ResourceStore.key(pod))
      if let node = pod[path: ["spec", "nodeName"]]?.stringValue { nodes.insert(node) }
    }
    let isService = resource.kind == InferenceService.resource.kind && resource.group == InferenceService.resource.group
    let canary = isService ? CanaryFocus(object) : nil
    return MetricsHighlight(models: models, routes: routes, pods: podKeys, nodes: nodes, canary: canary)
  }
}
