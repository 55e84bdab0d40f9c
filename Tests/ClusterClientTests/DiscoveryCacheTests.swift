import Foundation
import KubeCore
import Testing

@testable import ClusterClient

/// kubectl's discovery cache on disk, kept as client-go keeps it: written once, read instead of
/// asking the server for six hours, dropped on a name it does not know, ignored when corrupt.
@Suite(.timeLimit(.minutes(2))) struct DiscoveryCacheTests {
  static func temporaryDirectory() -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "aiconsole-cache-\(UUID().uuidString.prefix(8))")
    return url.path
  }

  /// A discovery server, a client of it and a cache directory, cleaned up after `body`.
  static func withServer(
    aggregated: Bool, _ body: (DiscoveryServer, KubeClient, String) async throws -> Void
  ) async throws {
    let server = await DiscoveryServer.start(aggregated: aggregated)
    let client = try server.client()
    let directory = temporaryDirectory()
    let outcome: Result<Void, any Error>
    do { outcome = .success(try await body(server, client, directory)) } catch { outcome = .failure(error) }
    try await client.shutdown()
    server.stop()
    try? FileManager.default.removeItem(atPath: directory)
    try outcome.get()
  }

  static func discovery(_ client: KubeClient, _ directory: String, at now: Date = Date()) -> CachedDiscovery {
    CachedDiscovery(
      client: client, cache: DiscoveryCache(cacheDirectory: directory, server: client.configuration.server),
      now: { now })
  }

  static func mode(_ path: String) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    return (attributes[.posixPermissions] as? Int) ?? -1
  }

  @Test("kubectl's directory name for a server: no scheme, odd characters as underscores")
  func hostDirectoryNames() {
    #expect(DiscoveryCache.hostDirectoryName("https://127.0.0.1:6443") == "127.0.0.1_6443")
    #expect(DiscoveryCache.hostDirectoryName("http://[::1]:8080") == "___1__8080")
    #expect(DiscoveryCache.hostDirectoryName("https://kube.example.com/prefix") == "kube.example.com/prefix")
    #expect(DiscoveryCache.hostDirectoryName("https://my-cluster.example.com") == "my_cluster.example.com")
  }

  @Test("the cache directory is --cache-dir's default: KUBECACHEDIR, else ~/.kube/cache")
  func defaultCacheDirectory() {
    #expect(DiscoveryCache.defaultCacheDirectory(environment: ["KUBECACHEDIR": "/c", "HOME": "/h"]) == "/c")
    #expect(DiscoveryCache.defaultCacheDirectory(environment: ["HOME": "/h"]) == "/h/.kube/cache")
    #expect(DiscoveryCache.defaultCacheDirectory(environment: [:]) == nil)
  }

  @Test("legacy discovery is written in kubectl's layout and read back without a request within the TTL")
  func legacyIsWrittenAndReused() async throws {
    try await Self.withServer(aggregated: false) { server, client, directory in
      await server.state.add(group: "ai.example.com", resource: "widgets", kind: "Widget")
      let cold = try await Self.discovery(client, directory).catalog()
      #expect(cold.resource(named: "widgets")?.subresources == ["status"])
      #expect(await server.requests.sorted() == ["/api", "/api/v1", "/apis", "/apis/ai.example.com/v1"])
      let host = directory + "/discovery/" + DiscoveryCache.hostDirectoryName(server.url)
      for file in ["servergroups.json", "v1/serverresources.json", "ai.example.com/v1/serverresources.json"] {
        #expect(try Self.mode(host + "/" + file) == 0o660, "\(file)")
      }
      #expect(try Self.mode(host) & 0o777 == 0o750 & ~Self.umask)
      #expect(try Self.mode(host + "/ai.example.com") & 0o777 == 0o750 & ~Self.umask)
      let groups = try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: host + "/servergroups.json"))))
      #expect(groups["kind"] == "APIGroupList")
      #expect(groups["groups"]?.arrayValue?.first?["name"] == "")
      // Nothing but the documents: every temporary file was renamed into place.
      #expect(
        try FileManager.default.contentsOfDirectory(atPath: host).sorted() == [
          "ai.example.com", "servergroups.json", "v1",
        ])

      let warm = Self.discovery(client, directory)
      let catalog = try await warm.catalog()
      #expect(await server.requests.count == 4)
      #expect(catalog.resources == cold.resources)
      #expect(await !warm.fresh)
    }
  }

  static var umask: Int {
    let mask = Foundation.umask(0)
    Foundation.umask(mask)
    return Int(mask)
  }

  @Test("aggregated discovery costs two requests and is cached per group version")
  func aggregatedIsCachedPerGroupVersion() async throws {
    try await Self.withServer(aggregated: true) { server, client, directory in
      await server.state.add(group: "ai.example.com", resource: "widgets", kind: "Widget")
      let cold = try await Self.discovery(client, directory).catalog()
      #expect(await server.requests.sorted() == ["/api", "/apis"])
      let host = directory + "/discovery/" + DiscoveryCache.hostDirectoryName(server.url)
      let widgets = try JSONParser.parse(
        Array(try Data(contentsOf: URL(fileURLWithPath: host + "/ai.example.com/v1/serverresources.json"))))
      #expect(widgets["kind"] == "APIResourceList")
      #expect(
        widgets["resources"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["widgets", "widgets/status"])
      let warm = try await Self.discovery(client, directory).catalog()
      #expect(await server.requests.count == 2)
      #expect(warm.resources == cold.resources)
      #expect(warm.resource(named: "widget")?.subresources == ["status"])
    }
  }

  @Test("kube-apiserver's aggregated answer becomes the legacy documents client-go would cache")
  func aggregatedConvertsAsClientGoConverts() throws {
    var apis = try JSONParser.parse(try Fixture.bytes("discovery-aggregated-apis.json"))
    let documents = DiscoveryDocuments.aggregated(core: ["items": []], groups: apis)
    let apps = try #require(documents.resourceLists["apps/v1"])
    let entries = apps["resources"]?.arrayValue ?? []
    let deployments = try #require(entries.first { $0["name"] == "deployments" })
    #expect(
      deployments.objectValue?.keys.elementsEqual([
        "name", "singularName", "namespaced", "kind", "verbs", "shortNames", "categories",
      ]) == true)
    let scale = try #require(entries.first { $0["name"] == "deployments/scale" })
    #expect(
      scale == [
        "name": "deployments/scale", "singularName": "deployment", "namespaced": true, "group": "autoscaling",
        "version": "v1", "kind": "Scale", "verbs": ["get", "patch", "update"],
      ])
    let autoscaling = documents.groups["groups"]?.arrayValue?.first { $0["name"] == "autoscaling" }
    #expect(autoscaling?[path: ["preferredVersion", "version"]] == "v2")

    // A stale version (its aggregated server did not answer) is left out; the next one is preferred.
    var items = apis["items"]?.arrayValue ?? []
    let index = try #require(items.firstIndex { $0[path: ["metadata", "name"]] == "autoscaling" })
    var versionList = items[index]["versions"]?.arrayValue ?? []
    versionList[0]["freshness"] = "Stale"
    items[index]["versions"] = .array(versionList)
    apis["items"] = .array(items)
    let stale = DiscoveryDocuments.aggregated(core: ["items": []], groups: apis)
    let versions = stale.groups["groups"]?.arrayValue?.first { $0["name"] == "autoscaling" }
    #expect(versions?[path: ["preferredVersion", "version"]] == "v1")
    #expect(versions?["versions"]?.arrayValue?.count == 1)
    #expect(stale.resourceLists["autoscaling/v2"] == nil)
  }

  @Test("documents older than six hours are fetched again")
  func expiredDocumentsAreFetchedAgain() async throws {
    try await Self.withServer(aggregated: false) { server, client, directory in
      _ = try await Self.discovery(client, directory).catalog()
      let written = await server.requests.count
      _ = try await Self.discovery(client, directory, at: Date() + 6 * 3600 - 60).catalog()
      #expect(await server.requests.count == written)
      _ = try await Self.discovery(client, directory, at: Date() + 6 * 3600 + 60).catalog()
      #expect(await server.requests.count == written * 2)
    }
  }

  @Test("a name the cached catalog lacks invalidates it once: a CRD installed since is found")
  func aMissingNameInvalidatesTheCache() async throws {
    try await Self.withServer(aggregated: true) { server, client, directory in
      _ = try await Self.discovery(client, directory).catalog()
      await server.state.add(group: "ai.example.com", resource: "widgets", kind: "Widget")
      let stale = Self.discovery(client, directory)
      #expect(try await stale.catalog().resource(named: "widgets") == nil)
      #expect(await server.requests.count == 2)
      let found = try await stale.resource(named: "widgets")
      #expect(found.resource?.kind == "Widget")
      #expect(await server.requests.count == 4)
      // The next process finds it in the cache the lookup rewrote.
      #expect(try await Self.discovery(client, directory).resource(named: "widgets").resource?.kind == "Widget")
      #expect(await server.requests.count == 4)
      // A name the server does not serve: one round of discovery, not a loop.
      #expect(try await Self.discovery(client, directory).resource(named: "gadgets").resource == nil)
      #expect(await server.requests.count == 6)
    }
  }

  @Test("a corrupt or foreign document is ignored and rewritten, not a crash")
  func corruptDocumentsAreIgnored() async throws {
    try await Self.withServer(aggregated: false) { server, client, directory in
      _ = try await Self.discovery(client, directory).catalog()
      let host = directory + "/discovery/" + DiscoveryCache.hostDirectoryName(server.url)
      try Data("{\"kind\":\"APIGroupList\",\"groups\":[".utf8).write(
        to: URL(fileURLWithPath: host + "/servergroups.json"))
      try Data(#"{"kind":"Status","resources":[]}"#.utf8).write(
        to: URL(fileURLWithPath: host + "/v1/serverresources.json"))
      let before = await server.requests.count
      let catalog = try await Self.discovery(client, directory).catalog()
      #expect(catalog.resource(named: "configmaps")?.kind == "ConfigMap")
      #expect(await server.requests.count == before + 3)
      let rewritten = try JSONParser.parse(
        Array(try Data(contentsOf: URL(fileURLWithPath: host + "/servergroups.json"))))
      #expect(rewritten["kind"] == "APIGroupList")
      _ = try await Self.discovery(client, directory).catalog()
      #expect(await server.requests.count == before + 3)
    }
  }

  @Test("a cache directory that cannot be written costs requests, not the answer")
  func anUnwritableCacheIsSkipped() async throws {
    try await Self.withServer(aggregated: true) { server, client, directory in
      try Data("a file where the directory should be".utf8).write(to: URL(fileURLWithPath: directory))
      let catalog = try await Self.discovery(client, directory).catalog()
      #expect(catalog.resource(named: "configmaps") != nil)
      _ = try await Self.discovery(client, directory).catalog()
      #expect(await server.requests.count == 4)
    }
  }
}
