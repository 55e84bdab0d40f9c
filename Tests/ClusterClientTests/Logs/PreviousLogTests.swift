import ClusterClient
import ClusterTestSupport
import Foundation
import KubeCore
import Testing

@Suite("Previous container logs over HTTPS against the embedded server", .timeLimit(.minutes(1)))
struct PreviousLogTests {
  static let pods = "/api/v1/namespaces/default/pods"

  /// Writes the pod's container status as a kubelet would: `restarts` restarts so far, the last
  /// one a crash when there were any.
  static func setRestarts(_ restarts: Int64, _ client: KubeClient) async throws {
    var container: JSONValue = [
      "name": "app", "ready": true, "restartCount": .int(restarts), "state": ["running": .emptyObject],
    ]
    if restarts > 0 { container["lastState"] = ["terminated": ["exitCode": 1, "reason": "Error"]] }
    let patch: JSONValue = ["status": ["phase": "Running", "containerStatuses": [container]]]
    _ = try await client.json(
      .PATCH, "\(pods)/web/status", body: patch, contentType: "application/merge-patch+json")
  }

  static func options() -> PodLogOptions {
    PodLogOptions(follow: true, backoff: LogTestWorld.quickBackoff)
  }

  @Test("after a restart a previous source reads the old run's lines and ends; the current one the new")
  func previousAfterRestart() async throws {
    try await LogTestWorld.with { world in
      try await world.createPod("web")
      try await Self.setRestarts(0, world.client)
      try await world.client.appendPodLog(namespace: "default", pod: "web", lines: ["old 1", "old 2"])
      try await Self.setRestarts(1, world.client)
      try await world.client.appendPodLog(namespace: "default", pod: "web", lines: ["new 1"])
      let previous = LogSource(namespace: "default", pod: "web", previous: true)
      // `follow` is asked for, but a previous run has ended: the stream ends by itself.
      var texts: [String] = []
      for try await record in PodLogStream(client: world.client, source: previous, options: Self.options()) {
        #expect(record.source == previous)
        texts.append(record.text)
      }
      #expect(texts == ["old 1", "old 2"])
      var current = PodLogStream(client: world.client, source: LogTestWorld.source("web"), options: Self.options())
        .makeAsyncIterator()
      #expect(try await current.texts(1) == ["new 1"])
    }
  }

  @Test("a previous source of a container that never restarted throws the kubelet's 400 at once")
  func noPrevious() async throws {
    try await LogTestWorld.with { world in
      try await world.createPod("web")
      try await Self.setRestarts(0, world.client)
      let previous = LogSource(namespace: "default", pod: "web", container: "app", previous: true)
      var iterator = PodLogStream(client: world.client, source: previous, options: Self.options()).makeAsyncIterator()
      do {
        _ = try await iterator.next()
        Issue.record("a missing previous run must throw")
      } catch KubeError.badRequest(let status) {
        #expect(status.message == #"previous terminated container "app" in pod "web" not found"#)
      }
    }
  }

  @Test("LogFollower reads a previous source once while it stays wanted, and again once re-added")
  func followerReadsOnce() async throws {
    try await LogTestWorld.with { world in
      try await world.createPod("web")
      try await Self.setRestarts(0, world.client)
      try await world.client.appendPodLog(namespace: "default", pod: "web", lines: ["before the crash"])
      try await Self.setRestarts(1, world.client)
      let follower = LogFollower(client: world.client, options: Self.options())
      let run = Task { await follower.run() }
      let previous = LogSource(namespace: "default", pod: "web", previous: true)
      var records = follower.records.makeAsyncIterator()
      await follower.setPods([previous])
      #expect(await records.next()?.text == "before the crash")
      #expect(await Polling.until(upTo: .seconds(10)) { await follower.sources.isEmpty })
      // Still wanted: asking again does not read it again.
      await follower.setPods([previous, LogTestWorld.source("web")])
      try await world.client.appendPodLog(namespace: "default", pod: "web", lines: ["current"])
      #expect(await records.next()?.text == "current")
      #expect(await follower.records(of: previous).map(\.text) == ["before the crash"])
      #expect(await follower.failures[previous] == nil)
      await follower.finish()
      await run.value
    }
  }
}
