import KubeCore

extension KubeClient {
  /// Opens a watch of a collection: events as they come; a `410` (on open or as an `ERROR` event)
  /// ends the stream with `.gone`, any other ERROR event with its `KubeError`.
  public func watch(
    _ resource: APIResource, namespace: String? = nil, options: ListOptions = ListOptions(), bookmarks: Bool = true
  ) async throws -> AsyncThrowingStream<WatchEvent, any Error> {
    var query = [("watch", "true")]
    if bookmarks { query.append(("allowWatchBookmarks", "true")) }
    query.append(contentsOf: options.queryItems)
    let lines = try await lines(resource.path(namespace: namespace) + PathEscaping.query(query), accept: options.accept)
    return AsyncThrowingStream { continuation in
      let task = Task {
        do {
          for try await line in lines where !line.isEmpty {
            var event = try WatchEvent(line: line)
            if options.table { try event.unwrapTableRow() }
            if let error = event.error { throw error }
            continuation.yield(event)
          }
          continuation.finish()
        } catch {
          continuation.finish(throwing: error)
        }
      }
      continuation.onTermination = { _ in task.cancel() }
    }
  }
}
