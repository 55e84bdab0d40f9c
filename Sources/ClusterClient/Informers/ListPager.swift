import KubeCore

/// Lists a resource in pages with the next page always on its way: page N+1 is asked for as soon
/// as page N's continue token is known, while page N is handed over, so the server writing a page,
/// the client decoding it and the caller applying the one before run side by side instead of
/// taking turns.
///
/// Semantics are client-go's pager (`tools/pager`, with `FullListIfExpired`): continue tokens are
/// followed in order, every page is of the first page's resourceVersion, and a continue token the
/// server no longer honours (`410 Expired`) ends the paging with one unpaged list instead.
public struct ListPager: Sendable {
  /// How a paged list ended.
  public enum Outcome: Sendable {
    /// Every page was handed over; the list's resourceVersion, to watch from.
    case paged(resourceVersion: String)
    /// A continue token expired after some pages were handed over: this unpaged list of the whole
    /// collection replaces them (it is of a later resourceVersion than the pages).
    case whole(ObjectList)
  }

  public let pageSize: Int
  /// One GET of the collection with these options.
  let fetch: @Sendable (ListOptions) async throws -> ObjectList

  /// Pages of `pageSize` objects, each fetched by `fetch`.
  public init(pageSize: Int, fetch: @escaping @Sendable (ListOptions) async throws -> ObjectList) {
    self.pageSize = pageSize
    self.fetch = fetch
  }

  /// Pages of `resource` from `client`.
  public init(client: KubeClient, resource: APIResource, namespace: String?, pageSize: Int) {
    self.init(pageSize: pageSize) { try await client.list(resource, namespace: namespace, options: $0) }
  }

  /// Hands every page to `page` in order, fetching the next one meanwhile; `progress` hears how
  /// many objects were handed over and, when the server says, how many there are in all. Both
  /// run on the caller's actor (an informer applies its pages on its own); only the fetches run
  /// beside it.
  public func list(
    _ options: ListOptions, progress: (_ loaded: Int, _ total: Int?) async -> Void = { _, _ in },
    isolation: isolated (any Actor)? = #isolation, page: (ObjectList) async throws -> Void
  ) async throws -> Outcome {
    var paged = options
    paged.limit = pageSize
    paged.continueToken = nil
    var current = try await fetch(paged)
    let resourceVersion = current.resourceVersion
    var loaded = 0
    while let token = current.continueToken {
      var nextOptions = paged
      nextOptions.continueToken = token
      // Structured: if handing the page over throws or the task is cancelled, this request is
      // cancelled and awaited with it.
      async let next = fetch(nextOptions)
      try await page(current)
      loaded += current.items.count
      await progress(loaded, current.remainingItemCount.map { loaded + $0 })
      do {
        current = try await next
      } catch KubeError.gone {
        // The token outlived the server's history: start over with one unpaged list.
        var unpaged = options
        unpaged.limit = nil
        unpaged.continueToken = nil
        return .whole(try await fetch(unpaged))
      }
    }
    try await page(current)
    loaded += current.items.count
    await progress(loaded, loaded)
    return .paged(resourceVersion: resourceVersion)
  }
}
