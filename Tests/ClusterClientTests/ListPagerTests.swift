import ClusterTestSupport
import Foundation
import KubeCore
import Testing

@testable import ClusterClient

/// The informer's paged list against the embedded server over HTTPS: the next page is asked for
/// while the last is still being applied, every object arrives exactly once in continue-token
/// order, and a continue token the server answers `410 Expired` to ends in one unpaged list that
/// the informer diffs against the pages it already applied.
@Suite(.serialized, .timeLimit(.minutes(3))) struct ListPagerTests {
  /// Every request the pager made, in order.
  actor FetchLog {
    var requests: [ListOptions] = []
    func record(_ options: ListOptions) { requests.append(options) }
    func asked(continueToken: String) -> Bool { requests.contains { $0.continueToken == continueToken } }
  }

  static func seeded(_ count: Int, namespace: String) async throws -> (EmbeddedServer, KubeClient) {
    let server = try await EmbeddedServer.start()
    let client = try InformerTests.client(server)
    try await InformerTests.makeNamespace(client, namespace)
    for index in 0..<count {
      _ = try await client.create(InformerTests.aiclusters, InformerTests.cluster("c\(index)", namespace: namespace))
    }
    return (server, client)
  }

  static func name(_ object: JSONValue) -> String { object[path: ["metadata", "name"]]?.stringValue ?? "" }

  @Test func asksForTheNextPageWhileTheLastIsHandedOverAndGivesEveryObjectOnce() async throws {
    let (server, client) = try await Self.seeded(230, namespace: "pages")
    let log = FetchLog()
    let pager = ListPager(pageSize: 50) { options in
      await log.record(options)
      return try await client.list(InformerTests.aiclusters, namespace: "pages", options: options)
    }
    var pages: [ObjectList] = []
    var prefetched: [Bool] = []
    var progress: [Int] = []
    let outcome = try await pager.list(ListOptions(), progress: { loaded, _ in progress.append(loaded) }) { page in
      pages.append(page)
      // The next page's request must already be on its way while this one is handed over.
      if let token = page.continueToken {
        prefetched.append(
          await Polling.until(upTo: .seconds(10), every: .milliseconds(10)) { await log.asked(continueToken: token) })
      }
    }
    #expect(prefetched == [true, true, true, true])
    #expect(pages.map(\.items.count) == [50, 50, 50, 50, 30])
    let names = pages.flatMap(\.items).map(Self.name)
    #expect(names.count == 230 && Set(names) == Set((0..<230).map { "c\($0)" }))
    // Each request after the first carries the continue token of the page before it, with the limit.
    let requests = await log.requests
    #expect(requests.map(\.continueToken) == [nil] + pages.dropLast().map(\.continueToken))
    #expect(requests.allSatisfy { $0.limit == 50 })
    #expect(progress == [50, 100, 150, 200, 230])
    guard case .paged(let version) = outcome else {
      Issue.record("a list whose tokens held ended in \(outcome)")
      return
    }
    #expect(version == pages[0].resourceVersion && pages.allSatisfy { $0.resourceVersion == version })
    try await client.shutdown()
    await server.stop()
  }

  @Test func anExpiredContinueTokenEndsInOneUnpagedList() async throws {
    let (server, client) = try await Self.seeded(120, namespace: "expired")
    let log = FetchLog()
    let pager = ListPager(pageSize: 50, fetch: Self.expiringSecondPage(client, namespace: "expired", log: log))
    var handed = 0
    let outcome = try await pager.list(ListOptions()) { handed += $0.items.count }
    guard case .whole(let list) = outcome else {
      Issue.record("an expired continue token ended in \(outcome)")
      return
    }
    #expect(handed == 50)
    #expect(list.items.count == 120 && list.continueToken == nil)
    let last = await log.requests.last
    #expect(last?.limit == nil && last?.continueToken == nil)
    try await client.shutdown()
    await server.stop()
  }

  @Test func anInformerWhoseContinueExpiresRelistsAndTellsOnlyTheDifference() async throws {
    let (server, client) = try await Self.seeded(120, namespace: "relist")
    let log = FetchLog()
    let changed = FetchLog()
    // Between the first page and the expired second one, the collection changes.
    let fetch = Self.expiringSecondPage(client, namespace: "relist", log: log) { options in
      guard options.continueToken != nil, await changed.requests.isEmpty else { return }
      await changed.record(options)
      try await client.delete(InformerTests.aiclusters, name: "c1", namespace: "relist")
      _ = try await client.create(InformerTests.aiclusters, InformerTests.cluster("late", namespace: "relist"))
    }
    let informer = Informer(
      client: client, resource: InformerTests.aiclusters, namespace: "relist",
      pager: ListPager(pageSize: 50, fetch: fetch))
    let events = await informer.events()
    let running = Task { await informer.run() }
    var added: [String: Int] = [:]
    var deleted: [String] = []
    for await event in events {
      switch event {
      case .added(let object): added[Self.name(object), default: 0] += 1
      case .deleted(let object): deleted.append(Self.name(object))
      case .modified, .state: break
      }
      if case .state(.synced) = event { break }
    }
    // The first page's 50 (c1 among them) went in as they came; the unpaged list added the rest
    // and took c1 out.
    #expect(added.count == 121 && added.values.allSatisfy { $0 == 1 } && added["late"] == 1)
    #expect(deleted == ["c1"])
    #expect(await informer.count == 120)
    #expect(await informer.listCount == 1)
    #expect(try await InformerTests.matchesFreshList(informer, client, namespace: "relist"))
    // It watches on from the unpaged list's resourceVersion.
    try await client.delete(InformerTests.aiclusters, name: "c8", namespace: "relist")
    #expect(await InformerTests.eventually(informer) { await $0.object(namespace: "relist", name: "c8") == nil })
    running.cancel()
    await running.value
    try await client.shutdown()
    await server.stop()
  }

  /// Lists from the real server, except that the first continue request gets the server's real
  /// `410 Expired`: the embedded server keeps continue tokens as long as it runs, so that request
  /// is sent as a list at a compacted resourceVersion (`resourceVersionMatch=Exact` at "1"),
  /// which it answers 410 to, as kube-apiserver answers a continue token older than its history.
  static func expiringSecondPage(
    _ client: KubeClient, namespace: String, log: FetchLog,
    before: @escaping @Sendable (ListOptions) async throws -> Void = { _ in }
  ) -> @Sendable (ListOptions) async throws -> ObjectList {
    { options in
      try await before(options)
      let continuedBefore = await log.requests.contains { $0.continueToken != nil }
      let expire = options.continueToken != nil && !continuedBefore
      await log.record(options)
      var sent = options
      if expire {
        sent.continueToken = nil
        sent.resourceVersion = "1"
        sent.resourceVersionMatch = "Exact"
      }
      return try await client.list(InformerTests.aiclusters, namespace: namespace, options: sent)
    }
  }
}
