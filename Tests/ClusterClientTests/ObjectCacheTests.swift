import ClusterClient
import Foundation
import KubeCore
import Testing

/// The informer cache's indexes, its diff on relist, the sync state's words and the backoff.
@Suite struct ObjectCacheTests {
  func object(_ name: String, namespace: String? = "ns", version: String = "1", labels: JSONValue = .emptyObject)
    -> JSONValue
  {
    var metadata: JSONValue = ["name": .string(name), "resourceVersion": .string(version), "labels": labels]
    if let namespace { metadata["namespace"] = .string(namespace) }
    return ["metadata": metadata]
  }

  @Test func indexesByNamespaceAndLabel() throws {
    var cache = ObjectCache()
    cache.upsert(object("a", labels: ["app": "x", "tier": "web"]))
    cache.upsert(object("b", labels: ["app": "x"]))
    cache.upsert(object("c", namespace: "other", labels: ["app": "x"]))
    cache.upsert(object("node", namespace: nil))
    #expect(cache.count == 4)
    #expect(cache.list(namespace: "ns").count == 2)
    #expect(cache.list(selector: try LabelSelector(parsing: "app=x")).count == 3)
    #expect(cache.list(namespace: "ns", selector: try LabelSelector(parsing: "app=x,tier!=web")).count == 1)
    #expect(cache.list(selector: try LabelSelector(parsing: "!app")).count == 1)
    // A label change moves the object between index entries.
    cache.upsert(object("a", version: "2", labels: ["app": "y"]))
    #expect(cache.list(selector: try LabelSelector(parsing: "app=x")).count == 2)
    #expect(cache.list(selector: try LabelSelector(parsing: "tier=web")).isEmpty)
    cache.remove(object("b"))
    #expect(cache.list(selector: try LabelSelector(parsing: "app=x")).count == 1)
    #expect(cache.object(NamespacedName(namespace: nil, name: "node")) != nil)
  }

  @Test func relistDiffTellsEveryChangeOnce() {
    var cache = ObjectCache()
    _ = cache.replace(with: [object("keep"), object("change"), object("drop")])
    let events = cache.replace(with: [object("keep"), object("change", version: "9"), object("new")])
    var summary: [String] = []
    for event in events {
      switch event {
      case .added(let value): summary.append("+" + (value[path: ["metadata", "name"]]?.stringValue ?? ""))
      case .modified(_, let value): summary.append("~" + (value[path: ["metadata", "name"]]?.stringValue ?? ""))
      case .deleted(let value): summary.append("-" + (value[path: ["metadata", "name"]]?.stringValue ?? ""))
      case .state: break
      }
    }
    #expect(summary.sorted() == ["+new", "-drop", "~change"])
    #expect(cache.count == 3)
  }

  @Test func syncStateReadsLikeAHeader() {
    #expect(SyncState.syncing(loaded: 4210, total: 10_000).description() == "syncing 4,210/10,000")
    #expect(SyncState.syncing(loaded: 12, total: nil).description() == "syncing 12")
    #expect(SyncState.synced.description() == "synced")
    let since = Date(timeIntervalSince1970: 1_000_000)
    let text = SyncState.disconnected(since: since, retryAt: since.addingTimeInterval(4), reason: "reset")
      .description(now: since.addingTimeInterval(0.5))
    #expect(text.hasPrefix("disconnected since "))
    #expect(text.hasSuffix(", retrying in 4s"))
  }

  @Test func backoffDoublesWithJitterUpToTheCapAndResets() {
    var backoff = Backoff(initial: .milliseconds(100), maximum: .seconds(1))
    let delays = (0..<8).map { _ in backoff.next() }
    // Half of each wait is random: the first lies in 50...100 ms, the second in 100...200 ms.
    #expect(delays[0] >= .milliseconds(50) && delays[0] <= .milliseconds(100))
    #expect(delays[1] >= .milliseconds(100) && delays[1] <= .milliseconds(200))
    #expect(delays[7] >= .milliseconds(500) && delays[7] <= .seconds(1))
    backoff.reset()
    #expect(backoff.next() <= .milliseconds(100))
  }
}
