import ClusterClient
import ClusterTestSupport
import Foundation
import KubeCore
import Testing

@Suite("PodLogStream over HTTPS against the embedded server", .timeLimit(.minutes(1)))
struct PodLogStreamTests {
  /// 2026-01-02T03:04:05Z.
  static let base = Date(timeIntervalSince1970: 1_767_323_045)

  static func stream(_ client: KubeClient, _ pod: String, _ options: PodLogOptions = PodLogOptions()) -> PodLogStream {
    var options = options
    options.backoff = LogTestWorld.quickBackoff
    return PodLogStream(client: client, source: LogTestWorld.source(pod), options: options)
  }

  @Test("follows from the last lines, then new ones, each with its write time and parsed fields")
  func tailAndFollow() async throws {
    try await LogTestWorld.with { world in
      try await world.createPod("web")
      try world.append("web", (1...5).map { #"{"msg":"line \#($0)","level":"info","correlation_id":"c\#($0)"}"# })
      var records = Self.stream(world.client, "web", PodLogOptions(tailLines: 2)).makeAsyncIterator()
      let first = try #require(try await records.next())
      #expect(first.message == "line 4")
      #expect(first.correlationID == "c4")
      #expect(first.level == .info)
      #expect(first.timestamp != nil)
      #expect(first.source == LogTestWorld.source("web"))
      #expect(try await records.next()?.message == "line 5")
      try world.append("web", ["plain text", "{\"msg\":\"after\"}"])
      #expect(try await records.texts(2) == ["plain text", "{\"msg\":\"after\"}"])
    }
  }

  @Test("without follow, reads the lines since a time and ends")
  func sinceTime() async throws {
    try await LogTestWorld.with { world in
      try await world.createPod("web")
      for (offset, line) in [(0.0, "a"), (1.0, "b"), (2.5, "c")] {
        try world.append("web", [line], at: Self.base + offset)
      }
      let since = LogTimestamp(Self.base + 1)
      var records = Self.stream(world.client, "web", PodLogOptions(follow: false, sinceTime: since)).makeAsyncIterator()
      let read = try await records.texts(10)
      #expect(read == ["b", "c"])
    }
  }

  @Test("truncates a line over the limit as sent, its 31-byte stamp included, across HTTP chunks")
  func longLine() async throws {
    try await LogTestWorld.with { world in
      try await world.createPod("web")
      try world.append("web", [String(repeating: "y", count: 300_000), "short"])
      var options = PodLogOptions(follow: false)
      options.maximumLineBytes = 1000
      var records = Self.stream(world.client, "web", options).makeAsyncIterator()
      let read = try await records.texts(3)
      #expect(read == [String(repeating: "y", count: 969) + " … [truncated 299031 bytes]", "short"])
    }
  }

  @Test("ends when the pod is deleted, and at once for a pod that does not exist")
  func endsWithThePod() async throws {
    try await LogTestWorld.with { world in
      try await world.createPod("web")
      try world.append("web", ["only"])
      var records = Self.stream(world.client, "web").makeAsyncIterator()
      #expect(try await records.next()?.text == "only")
      try await world.deletePod("web")
      #expect(try await records.next() == nil)
      var missing = Self.stream(world.client, "nobody").makeAsyncIterator()
      #expect(try await missing.next() == nil)
    }
  }

  @Test("ends without an error when its task is cancelled")
  func cancellation() async throws {
    try await LogTestWorld.with { world in
      try await world.createPod("web")
      try world.append("web", ["one"])
      let stream = Self.stream(world.client, "web")
      let (seen, seenContinuation) = AsyncStream<String>.makeStream()
      try await withThrowingTaskGroup(of: Int.self) { group in
        group.addTask {
          var count = 0
          for try await record in stream {
            count += 1
            seenContinuation.yield(record.text)
          }
          return count
        }
        var iterator = seen.makeAsyncIterator()
        #expect(await iterator.next() == "one")
        group.cancelAll()
        let delivered = try await group.next()
        #expect(delivered == 1)
      }
    }
  }

  @Test("resumes across a server restart without losing or repeating a line")
  func serverRestart() async throws {
    let directory = EmbeddedServer.temporaryDirectory()
    let first = try await EmbeddedServer.start(directory: directory)
    let port = try #require(URLComponents(string: first.endpoints.apiServer)?.port)
    let client = try KubeClient(configuration: .load(kubeconfig: first.kubeconfigPath, rateLimit: .unlimited))
    let stamp = Date()
    try await LogTestWorld.createPod("web", client: client)
    try LogTestWorld.append("web", ["x", "x", "other"], at: stamp, stateDirectory: directory)
    var records = Self.stream(client, "web").makeAsyncIterator()
    #expect(try await records.texts(3) == ["x", "x", "other"])
    await first.stop()
    // Written while the server is down: one more "x" with the very same stamp is a new line.
    try LogTestWorld.append("web", ["x"], at: stamp, stateDirectory: directory)
    try LogTestWorld.append("web", ["down 1", "down 2"], at: stamp + 0.001, stateDirectory: directory)
    let second = try await EmbeddedServer.start(directory: directory, port: port)
    try LogTestWorld.append("web", ["after"], stateDirectory: directory)
    #expect(try await records.texts(4) == ["x", "down 1", "down 2", "after"])
    try LogTestWorld.append("web", ["final"], stateDirectory: directory)
    #expect(try await records.texts(1) == ["final"])
    async let stopped: Void = second.stop()
    try await client.shutdown()
    await stopped
  }
}
