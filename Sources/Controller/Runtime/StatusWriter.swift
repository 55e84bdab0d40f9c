import ClusterClient
import KubeCore

/// Writes an object's status the safe way: read it fresh, apply the change, replace the status
/// subresource with that resourceVersion; a conflict (someone wrote meanwhile) starts over on a
/// fresh read, a few times, so that no concurrent change is overwritten.
public struct StatusWriter: Sendable {
  public var client: KubeClient
  public var attempts: Int

  public init(client: KubeClient, attempts: Int = 5) {
    self.client = client
    self.attempts = attempts
  }

  /// Applies `change` to the status of the current object; nil when the object is gone. With
  /// `read`, the object as the reconcile just read it, the first attempt saves a GET.
  @discardableResult
  public func update(
    _ resource: APIResource, _ key: NamespacedName, read: JSONValue? = nil,
    _ change: @Sendable (inout JSONValue) throws -> Void
  ) async throws -> JSONValue? {
    var attempt = 0
    while true {
      attempt += 1
      var object: JSONValue
      if attempt == 1, let read {
        object = read
      } else {
        do {
          object = try await client.get(resource, name: key.name, namespace: key.namespace)
        } catch KubeError.notFound {
          return nil
        }
      }
      try change(&object)
      do {
        return try await client.update(resource, object, subresource: "status")
      } catch KubeError.conflict where attempt < attempts {
        continue
      } catch KubeError.notFound {
        return nil
      }
    }
  }
}
