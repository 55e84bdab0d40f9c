import KubeCore
import Views

/// The part of a detail only a core kind has, read from the object rather than from a kind
/// descriptor: Pods, Nodes and Events say what an SRE needs in fields no printer column holds
/// (a container's last termination, a node's GPUs, an event's reporter).
enum DetailCore: Hashable, Sendable {
  /// A Pod: its status fields and containers.
  case pod(DetailPod)
  /// A Node: its fields, resources, GPUs and pods.
  case node(DetailNode)
  /// An Event: its fields.
  case event([KeyValueList.Item])

  /// The core part of `context.object`; nil for any other kind.
  init?(_ context: DetailContext) {
    let object = context.object
    if DetailPod.isPod(object) {
      self = .pod(DetailPod(object, now: context.now))
    } else if DetailNode.isNode(object) {
      self = .node(
        DetailNode(
          object, gpuGroups: context.metrics.gpuGroups, pods: context.related(kind: CoreResources.pods.kind),
          now: context.now))
    } else if DetailEventObject.isEvent(object) {
      self = .event(DetailEventObject.fields(object, now: context.now))
    } else {
      return nil
    }
  }

  /// The summary lines that follow the object's identity.
  var fields: [KeyValueList.Item] {
    switch self {
    case .pod(let pod): pod.fields
    case .node(let node): node.fields
    case .event(let fields): fields
    }
  }

  /// Whether the kind reports status conditions (an Event has none to report).
  var hasConditions: Bool {
    if case .event = self { return false }
    return true
  }
}
