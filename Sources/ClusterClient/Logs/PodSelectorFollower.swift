import KubeCore

/// Keeps a `LogFollower`'s pods equal to the pods of a namespace that match a label selector,
/// through a pod informer: pods are added as they appear and removed once deleted, and the
/// informer's resume and relist keep that true across dropped connections.
public struct PodSelectorFollower: Sendable {
  /// The pods' namespace.
  public let namespace: String
  /// A label selector as the API takes it (`app=web,tier in (a,b)`).
  public let labelSelector: String
  /// The container to follow in each pod; nil for each pod's default one.
  public let container: String?
  private let client: KubeClient
  private let backoff: Backoff

  static let pods = CoreResources.pods

  public init(
    client: KubeClient, namespace: String, labelSelector: String, container: String? = nil, backoff: Backoff = Backoff()
  ) {
    self.client = client
    self.namespace = namespace
    self.labelSelector = labelSelector
    self.container = container
    self.backoff = backoff
  }

  /// Follows the selection until cancelled, telling `follower` which pods to follow.
  public func run(feeding follower: LogFollower) async {
    let informer = Informer(
      client: client, resource: Self.pods, namespace: namespace, labelSelector: labelSelector, backoff: backoff)
    let events = await informer.events()
    await withDiscardingTaskGroup { group in
      group.addTask { await informer.run() }
      for await event in events {
        switch event {
        case .added(let pod), .modified(_, let pod):
          if let name = NamespacedName(of: pod)?.name { await follower.add(source(name)) }
        case .deleted(let pod):
          if let name = NamespacedName(of: pod)?.name { await follower.remove(source(name)) }
        case .state: break
        }
      }
      group.cancelAll()
    }
  }

  private func source(_ pod: String) -> LogSource { LogSource(namespace: namespace, pod: pod, container: container) }
}
