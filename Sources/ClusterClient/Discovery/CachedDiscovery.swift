import Foundation
import KubeCore

/// Discovery through kubectl's disk cache, as client-go's `CachedDiscoveryClient` and kubectl's
/// `DeferredDiscoveryRESTMapper` use it: documents younger than the TTL are read from disk and the
/// server is not asked; missing, expired or unreadable ones are fetched (aggregated discovery where
/// the server offers it: two requests for everything) and written back. A name the cached catalog
/// does not know invalidates the cache, when any document used came from an earlier process, and
/// discovery runs again once: a CRD installed after the cache was written is found at once.
public actor CachedDiscovery {
  public let client: KubeClient
  /// nil keeps nothing on disk (no home to keep a cache in): every process asks the server.
  public let cache: DiscoveryCache?
  /// Documents this process wrote: after `invalidate()` only these are read back.
  private var ourFiles: Set<String> = []
  private var invalidated = false
  /// Whether every document used so far was written by this process (client-go's `Fresh()`):
  /// a catalog that is fresh and still lacks a name will not learn it by asking again.
  public private(set) var fresh = true
  private let clock: @Sendable () -> Date

  public init(client: KubeClient, cache: DiscoveryCache?, now: @escaping @Sendable () -> Date = Date.init) {
    self.client = client
    self.cache = cache
    self.clock = now
  }

  /// Everything the server serves, from the cache where it is young enough.
  public func catalog() async throws -> APIResourceCatalog {
    let documents: DiscoveryDocuments
    if let groups = cached("servergroups.json", kind: "APIGroupList", member: "groups") {
      documents = DiscoveryDocuments(groups: groups)
    } else {
      documents = try await live()
      if !(documents.groups["groups"]?.arrayValue ?? []).isEmpty { store("servergroups.json", documents.groups) }
      for (groupVersion, list) in documents.resourceLists where !Self.isEmpty(list) {
        store(Self.resourcesFile(groupVersion), list)
      }
    }
    return try await catalog(from: documents)
  }

  /// The resource `name` means (`aic`, `aiclusters.ai.aiconsole.dev`) and the catalog it was
  /// looked up in. When the catalog lacks it and was not all fetched now, the cache is
  /// invalidated and discovery runs once more, as kubectl's REST mapper does on a miss.
  public func resource(named name: String) async throws -> (resource: APIResource?, catalog: APIResourceCatalog) {
    let first = try await catalog()
    if let found = first.resource(named: name) { return (found, first) }
    guard !fresh else { return (nil, first) }
    invalidate()
    let second = try await catalog()
    return (second.resource(named: name), second)
  }

  /// From now on, documents written before are ignored (client-go's `Invalidate()`).
  public func invalidate() {
    ourFiles = []
    invalidated = true
    fresh = true
  }

  private func catalog(from documents: DiscoveryDocuments) async throws -> APIResourceCatalog {
    var resources: [APIResource] = []
    var missing: [(groupVersion: String, preferred: Bool, path: String)] = []
    for entry in DiscoveryDocuments.groupVersions(documents.groups) {
      let list =
        documents.resourceLists[entry.groupVersion]
        ?? cached(Self.resourcesFile(entry.groupVersion), kind: "APIResourceList", member: "resources")
      if let list {
        resources += APIDiscovery.resourceList(list, preferred: entry.preferred)
      } else {
        missing.append(entry)
      }
    }
    for (entry, list) in try await fetch(missing) {
      if !Self.isEmpty(list) { store(Self.resourcesFile(entry.groupVersion), list) }
      resources += APIDiscovery.resourceList(list, preferred: entry.preferred)
    }
    return APIResourceCatalog(resources: resources)
  }

  /// The group list (and, from an aggregated answer, every resource list) from the server.
  private func live() async throws -> DiscoveryDocuments {
    async let core = client.json(.GET, "/api", accept: APIDiscovery.aggregatedAccept)
    async let groups = client.json(.GET, "/apis", accept: APIDiscovery.aggregatedAccept)
    let (coreDocument, groupsDocument) = try await (core, groups)
    if coreDocument["kind"]?.stringValue == "APIGroupDiscoveryList",
      groupsDocument["kind"]?.stringValue == "APIGroupDiscoveryList"
    {
      return DiscoveryDocuments.aggregated(core: coreDocument, groups: groupsDocument)
    }
    return DiscoveryDocuments.legacy(core: coreDocument, groups: groupsDocument)
  }

  /// The legacy resource lists of group versions the cache lacks, fetched concurrently; one whose
  /// server is down or gone is left out, as kubectl goes on without it.
  private func fetch(_ entries: [(groupVersion: String, preferred: Bool, path: String)]) async throws
    -> [((groupVersion: String, preferred: Bool, path: String), JSONValue)]
  {
    let client = self.client
    return try await withThrowingTaskGroup(of: (Int, JSONValue?).self) { tasks in
      for (index, entry) in entries.enumerated() {
        tasks.addTask {
          do {
            return (index, try await client.json(.GET, entry.path))
          } catch KubeError.notFound, KubeError.server {
            return (index, nil)
          }
        }
      }
      var lists: [Int: JSONValue] = [:]
      for try await (index, list) in tasks { lists[index] = list }
      return entries.indices.compactMap { index in lists[index].map { (entries[index], $0) } }
    }
  }

  /// A document from the cache, when young enough, of the kind expected and holding `member`;
  /// marks the catalog not fresh when the document came from an earlier process.
  private func cached(_ file: String, kind: String, member: String) -> JSONValue? {
    let ours = ourFiles.contains(file)
    guard !invalidated || ours, let bytes = cache?.read(file, now: clock()),
      let document = try? JSONParser.parse(bytes), document[member]?.arrayValue != nil,
      document["kind"].map({ $0.stringValue == kind }) ?? true
    else { return nil }
    fresh = fresh && ours
    return document
  }

  /// Writes a document; a cache that cannot be written only costs the next process a request.
  private func store(_ file: String, _ document: JSONValue) {
    var bytes = document.serialized()
    bytes.append(UInt8(ascii: "\n"))
    guard let cache, (try? cache.write(file, bytes)) != nil else { return }
    ourFiles.insert(file)
  }

  static func resourcesFile(_ groupVersion: String) -> String { groupVersion + "/serverresources.json" }

  static func isEmpty(_ list: JSONValue) -> Bool { (list["resources"]?.arrayValue ?? []).isEmpty }
}
