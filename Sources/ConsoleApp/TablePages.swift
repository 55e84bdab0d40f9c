import ClusterClient
import KubeCore

/// Every row of a resource's Table, asked for in pages of 500 as `kubectl get` asks (the same
/// requests, the same continue tokens), but each next page is asked for as soon as its token is
/// read from the head of the page before, so the server builds page n + 1 while page n is decoded.
struct TablePages {
  /// kubectl's default `--chunk-size`.
  static let pageSize = 500

  var resource: APIResource
  var namespace: String?
  var selector: String?

  func read(using client: KubeClient) async throws -> ServerTable {
    var (table, next) = try await decodeWhileFetchingNext(try await page(after: nil, using: client), using: client)
    while let body = next {
      let (page, following) = try await decodeWhileFetchingNext(body, using: client)
      table.rows += page.rows
      next = following
    }
    table.continueToken = nil
    return table
  }

  /// Decodes a page while the next one (its continue token read from the page's head) is fetched;
  /// returns the page and the next page's body, nil after the last page.
  private func decodeWhileFetchingNext(_ body: [UInt8], using client: KubeClient) async throws -> (
    ServerTable, [UInt8]?
  ) {
    let early = Self.earlyContinueToken(body)
    async let prefetched = page(after: early, orNothing: early == nil, using: client)
    let page = try decode(body)
    guard let token = page.continueToken else {
      _ = try? await prefetched
      return (page, nil)
    }
    // The token read early is the decoded one in every answer seen; were it not, the page it
    // fetched is dropped and the right one asked for.
    if early == token, let next = try await prefetched { return (page, next) }
    _ = try? await prefetched
    return (page, try await self.page(after: token, using: client))
  }

  private func page(after token: String?, orNothing nothing: Bool, using client: KubeClient) async throws -> [UInt8]? {
    nothing ? nil : try await page(after: token, using: client)
  }

  private var path: String { resource.path(namespace: resource.namespaced ? namespace : nil) }

  private func page(after token: String?, using client: KubeClient) async throws -> [UInt8] {
    // The query `KubeClient.table` sends, in its order: selector, limit, continue.
    var query: [(String, String)] = []
    if let selector, !selector.isEmpty { query.append(("labelSelector", selector)) }
    query.append(("limit", String(Self.pageSize)))
    if let token { query.append(("continue", token)) }
    let (status, body) = try await client.send(.GET, path + PathEscaping.query(query), accept: ServerTable.accept)
    guard (200..<300).contains(status) else { throw Self.error(status: status, body: body) }
    return body
  }

  private func decode(_ body: [UInt8]) throws -> ServerTable {
    let value: JSONValue
    do {
      value = try JSONParser.parse(body)
    } catch {
      throw KubeError.decoding("GET \(path): \(error)")
    }
    return try ServerTable(decoding: value)
  }

  /// The server's `Status` for a failed page, as `KubeClient.json` reports it.
  static func error(status: Int, body: [UInt8]) -> KubeError {
    let answer = (try? JSONParser.parse(body)).flatMap { StatusError(status: $0) }
    return KubeError(
      status: answer
        ?? StatusError(
          code: status, reason: "Status\(status)", message: String(decoding: body.prefix(2048), as: UTF8.self)))
  }

  private static let continueKey = Array(#""continue":""#.utf8)
  private static let columnsKey = Array(#""columnDefinitions""#.utf8)

  /// `metadata.continue` read from the list's head, before the column definitions (kube-apiserver
  /// and ours write metadata first); nil when it is not there or is escaped, and the decoded page
  /// then gives it.
  static func earlyContinueToken(_ body: [UInt8]) -> String? {
    let head = body.prefix(16_384)
    guard let columns = firstIndex(of: columnsKey, in: head),
      let key = firstIndex(of: continueKey, in: head[..<columns])
    else { return nil }
    let start = key + continueKey.count
    guard let end = head[start..<columns].firstIndex(of: UInt8(ascii: "\"")), end > start,
      !head[start..<end].contains(UInt8(ascii: "\\"))
    else { return nil }
    return String(decoding: head[start..<end], as: UTF8.self)
  }

  private static func firstIndex(of needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Int? {
    guard let first = needle.first, haystack.count >= needle.count else { return nil }
    var index = haystack.startIndex
    while let found = haystack[index...].firstIndex(of: first) {
      guard found + needle.count <= haystack.endIndex else { return nil }
      if haystack[found..<(found + needle.count)].elementsEqual(needle) { return found }
      index = found + 1
    }
    return nil
  }
}
