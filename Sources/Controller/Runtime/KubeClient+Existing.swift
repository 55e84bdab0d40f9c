import ClusterClient
import KubeCore

extension KubeClient {
  /// The object, or nil when it does not exist: reconcilers take "gone" as an answer, not an error.
  func existing(_ resource: APIResource, name: String, namespace: String?) async throws -> JSONValue? {
    do {
      return try await get(resource, name: name, namespace: namespace)
    } catch KubeError.notFound {
      return nil
    }
  }
}
