import KubeCore

/// The objects around the AI kinds the console watches besides them: the instance pods, the
/// project's component pods, Events, ControllerRevisions and CRDs. Each feed is one informer;
/// the store files its objects under the feed.
enum RelatedFeed: String, CaseIterable, Sendable {
  case pods, componentPods, events, revisions, definitions

  /// The resource watched.
  var resource: APIResource {
    switch self {
    case .pods, .componentPods: CoreResources.pods
    case .events: CoreResources.events
    case .revisions: CoreResources.controllerRevisions
    case .definitions: CoreResources.customResourceDefinitions
    }
  }

  /// The one namespace watched, when not all.
  var namespace: String? { self == .componentPods ? ConsoleReducer.componentNamespace : nil }

  /// The label selector of the watch: only the pods serving an AICluster.
  var labelSelector: String? { self == .pods ? AIClusterKind.podLabel : nil }

  /// Whether a change can change a detail view (its pods, events or revisions).
  var touchesDetail: Bool { [.pods, .events, .revisions].contains(self) }

  /// Whether the feed carries pods, whose changes can change the log sources.
  var carriesPods: Bool { resource == CoreResources.pods }
}
