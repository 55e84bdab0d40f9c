import ClusterClient
import KubeCore

/// Wakes objects up when something they refer to by name changes (an InferenceService when its
/// ModelDeployment does, an AIApplication when one of its services does): informers of both
/// sides, and on a change of a referenced object, every referrer in its namespace that names it.
public struct ReferencedObjects: Sendable {
  public var client: KubeClient
  public var referrers: APIResource
  public var referenced: APIResource
  /// The names a referrer refers to.
  public var names: @Sendable (JSONValue) -> [String]

  public init(
    client: KubeClient, referrers: APIResource, referenced: APIResource,
    names: @escaping @Sendable (JSONValue) -> [String]
  ) {
    self.client = client
    self.referrers = referrers
    self.referenced = referenced
    self.names = names
  }

  public func run(enqueue: @escaping @Sendable (NamespacedName) async -> Void) async {
    let referrerCache = Informer(client: client, resource: referrers)
    let referencedCache = Informer(client: client, resource: referenced)
    let events = await referencedCache.events()
    await withTaskGroup(of: Void.self) { group in
      group.addTask { await referrerCache.run() }
      group.addTask { await referencedCache.run() }
      group.addTask {
        for await event in events {
          guard let object = event.object, let key = NamespacedName(of: object) else { continue }
          for referrer in await referrerCache.list(namespace: key.namespace) where names(referrer).contains(key.name) {
            if let referrerKey = NamespacedName(of: referrer) { await enqueue(referrerKey) }
          }
        }
      }
    }
  }
}
