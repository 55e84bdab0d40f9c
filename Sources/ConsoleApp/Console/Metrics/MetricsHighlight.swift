/// The selection's own metrics: the models, routes, pods and nodes the selected object is about.
/// The pane draws their rows emphasised and first, so they are in view without scrolling.
struct MetricsHighlight: Hashable, Sendable {
  /// Model names (`spec.model` of an InferenceService, the models of a route).
  var models: Set<String> = []
  /// Route names.
  var routes: Set<String> = []
  /// Pods as `namespace/pod`.
  var pods: Set<String> = []
  /// Node names.
  var nodes: Set<String> = []
  /// The selected InferenceService's canary, whose pools the pane compares above the rest.
  var canary: CanaryFocus?

  /// Nothing highlighted.
  static let none = MetricsHighlight()

  /// A highlight.
  init(
    models: Set<String> = [], routes: Set<String> = [], pods: Set<String> = [], nodes: Set<String> = [],
    canary: CanaryFocus? = nil
  ) {
    self.models = models
    self.routes = routes
    self.pods = pods
    self.nodes = nodes
    self.canary = canary
  }

  /// Whether the model's row is the selection's.
  func contains(_ row: ModelMetricsRow) -> Bool {
    models.contains(row.model) || row.pods.contains { pods.contains($0) }
  }

  /// Whether the route's row is the selection's: the route itself, or a route to its model.
  func contains(_ row: RouteMetricsRow) -> Bool {
    routes.contains(row.route) || row.models.contains { models.contains($0) }
  }

  /// Whether the GPU serves the selection: one of its pods holds it. Another GPU on the same
  /// node is not the selection's, so only the node's heading is marked for it.
  func contains(_ gpu: GPUMetricsRow) -> Bool {
    !gpu.pod.isEmpty && pods.contains("\(gpu.namespace)/\(gpu.pod)")
  }

  /// Whether the node runs the selection: one of its pods is placed there.
  func contains(_ group: GPUNodeGroup) -> Bool {
    nodes.contains(group.node) || group.gpus.contains { contains($0) }
  }
}
