import ClusterClient
import KubeCore

/// Wakes owners up when the objects they own change, as controller-runtime's `Owns()` does: an
/// informer of the owned resource maps each event to the controlling owner of `ownerKind`.
public struct OwnedObjects: Sendable {
  public var client: KubeClient
  public var resource: APIResource
  public var ownerKind: String
  /// Narrows the informer to the objects this controller makes.
  public var labelSelector: String?

  public init(client: KubeClient, resource: APIResource, ownerKind: String, labelSelector: String? = nil) {
    self.client = client
    self.resource = resource
    self.ownerKind = ownerKind
    self.labelSelector = labelSelector
  }

  /// Runs until cancelled, calling `enqueue` with the owner of every changed object.
  public func run(enqueue: @escaping @Sendable (NamespacedName) async -> Void) async {
    let informer = Informer(client: client, resource: resource, labelSelector: labelSelector)
    let events = await informer.events()
    await withTaskGroup(of: Void.self) { group in
      group.addTask { await informer.run() }
      group.addTask {
        for await event in events {
          guard let object = event.object else { continue }
          for owner in Self.owners(of: object, kind: ownerKind) { await enqueue(owner) }
        }
      }
    }
  }

  /// The owners of `kind` an object names (in its own namespace, as owners must be).
  static func owners(of object: JSONValue, kind: String) -> [NamespacedName] {
    let namespace = object[path: ["metadata", "namespace"]]?.stringValue
    return (object[path: ["metadata", "ownerReferences"]]?.arrayValue ?? []).compactMap { reference in
      guard reference["kind"]?.stringValue == kind, let name = reference["name"]?.stringValue else { return nil }
      return NamespacedName(namespace: namespace, name: name)
    }
  }
}
