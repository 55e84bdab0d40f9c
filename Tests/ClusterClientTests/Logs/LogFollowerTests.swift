import ClusterClient
import Foundation
import Testing

@Suite("LogFollower over HTTPS against the embedded server", .timeLimit(.minutes(1)))
struct LogFollowerTests {
  /// 2026-01-02T03:04:05Z.
  static let base = Date(timeIntervalSince1970: 1_767_323_045)

  static func follower(_ world: LogTestWorld, ringCapacity: Int = 1000) -> LogFollower {
    LogFollower(
      client: world.client, options: PodLogOptions(backoff: LogTestWorld.quickBackoff), ringCapacity: ringCapacity)
  }

  /// Waits until `follower` follows exactly `pods`.
  static func waitUntil(_ follower: LogFollower, follows pods: Set<String>) async throws {
    while await follower.sources != Set(pods.map(LogTestWorld.source)) { try await Task.sleep(for: .milliseconds(20)) }
  }

  static func describe(_ record: LogRecord?) -> String? { record.map { "\($0.source.pod): \($0.text)" } }

  @Test("merges the pods it is given, keeps the last N of each, and snapshots them in time order")
  func setPodsAndSnapshot() async throws {
    try await LogTestWorld.with { world in
      for pod in ["p", "q"] { try await world.createPod(pod) }
      for second in [0, 2, 4, 6, 8] { try world.append("p", ["p\(second)"], at: Self.base + Double(second)) }
      for second in [1, 3, 5] { try world.append("q", ["q\(second)"], at: Self.base + Double(second)) }
      let follower = Self.follower(world, ringCapacity: 3)
      await withDiscardingTaskGroup { group in
        group.addTask { await follower.run() }
        await follower.setPods([LogTestWorld.source("p"), LogTestWorld.source("q")])
        var records = follower.records.makeAsyncIterator()
        var seen: [String] = []
        for _ in 0..<8 { seen += [Self.describe(await records.next()) ?? "end"] }
        #expect(Set(seen).count == 8)
        #expect(await follower.snapshot().map(\.text) == ["q1", "q3", "p4", "q5", "p6", "p8"])
        await follower.remove(LogTestWorld.source("p"))
        #expect(await follower.sources == [LogTestWorld.source("q")])
        try? world.append("p", ["p10"])
        try? world.append("q", ["q10"])
        #expect(Self.describe(await records.next()) == "q: q10")
        #expect(await follower.records(of: LogTestWorld.source("p")).map(\.text) == ["p4", "p6", "p8"])
        await follower.finish()
        #expect(await records.next() == nil)
      }
    }
  }

  @Test("follows the pods of a label selector as they come and go")
  func labelSelector() async throws {
    try await LogTestWorld.with { world in
      try await world.createPod("web-a", labels: ["app": "web"])
      try await world.createPod("db", labels: ["app": "db"])
      try world.append("web-a", ["a1"])
      try world.append("db", ["db1"])
      let follower = Self.follower(world)
      let watch = PodSelectorFollower(
        client: world.client, namespace: "default", labelSelector: "app=web",
        backoff: Backoff(initial: .milliseconds(50), maximum: .milliseconds(200)))
      try await withThrowingDiscardingTaskGroup { group in
        group.addTask { await follower.run() }
        group.addTask { await watch.run(feeding: follower) }
        var records = follower.records.makeAsyncIterator()
        #expect(Self.describe(await records.next()) == "web-a: a1")
        try await world.createPod("web-b", labels: ["app": "web"])
        try world.append("web-b", ["b1"])
        #expect(Self.describe(await records.next()) == "web-b: b1")
        try await world.deletePod("web-a")
        try await Self.waitUntil(follower, follows: ["web-b"])
        try world.append("web-a", ["a2"])
        try world.append("db", ["db2"])
        try world.append("web-b", ["b2"])
        #expect(Self.describe(await records.next()) == "web-b: b2")
        #expect(await follower.snapshot().map(\.text) == ["a1", "b1", "b2"])
        group.cancelAll()
      }
    }
  }
}
