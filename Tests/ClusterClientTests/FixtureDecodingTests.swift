import ClusterClient
import KubeCore
import Testing

/// The client decodes what a real kube-apiserver v1.36 answered: lists and pages, watch streams
/// with bookmarks, the initial-events-end marker and a 410 inside the stream, every error Status.
@Suite struct FixtureDecodingTests {
  func status(_ name: String) throws -> KubeError {
    KubeError(status: try #require(StatusError(status: try JSONParser.parse(try Fixture.bytes(name)))))
  }

  @Test func listsAndPages() throws {
    let list = try ObjectList(decoding: try JSONParser.parse(try Fixture.bytes("list-aiclusters.json")))
    #expect(list.items.count == 1)
    #expect(list.items.first?[path: ["metadata", "name"]] == "demo")
    #expect(list.continueToken == nil)
    #expect(!list.resourceVersion.isEmpty)
    let page = try ObjectList(decoding: try JSONParser.parse(try Fixture.bytes("list-aiclusters-limit1.json")))
    #expect(page.items.count == 1)
    #expect(page.remainingItemCount == 1)
    #expect(page.continueToken?.hasPrefix("eyJ2Ijoi") == true)
    #expect(throws: KubeError.self) {
      try ObjectList(decoding: try JSONParser.parse(try Fixture.bytes("get-demo.json")))
    }
  }

  @Test func watchStreamsWithBookmarksAndInitialEventsEnd() throws {
    let events = try Fixture.text("watch-sendInitialEvents.jsonl").split(separator: "\n").map {
      try WatchEvent(line: Array($0.utf8))
    }
    #expect(
      events.map(\.kind.rawValue) == [
        "ADDED", "ADDED", "BOOKMARK", "MODIFIED", "MODIFIED", "MODIFIED", "MODIFIED", "MODIFIED", "DELETED",
      ])
    #expect(events.filter(\.isInitialEventsEnd).count == 1)
    #expect(events.allSatisfy { $0.resourceVersion != nil })
    let live = try Fixture.text("watch-bookmark-75s.jsonl").split(separator: "\n").map {
      try WatchEvent(line: Array($0.utf8))
    }
    #expect(live.contains { $0.kind == .bookmark && !$0.isInitialEventsEnd })
  }

  @Test func aGoneInsideTheWatchStreamIsTyped() throws {
    let event = try WatchEvent(line: Array(try Fixture.text("watch-too-old-rv-410.jsonl").utf8).filter { $0 != 10 })
    guard case .gone(let status) = event.error else {
      Issue.record("expected .gone, got \(String(describing: event.error))"); return
    }
    #expect(status.message == "too old resource version: 1 (325)")
    #expect(throws: KubeError.self) { try WatchEvent(line: Array("{\"type\":\"NOPE\"}".utf8)) }
    #expect(throws: KubeError.self) { try WatchEvent(line: Array("not json".utf8)) }
  }

  @Test func everyErrorStatusBecomesATypedError() throws {
    guard case .notFound = try status("notfound-404.json") else { Issue.record("404"); return }
    guard case .alreadyExists = try status("alreadyexists-409.json") else { Issue.record("409 exists"); return }
    guard case .conflict = try status("conflict-409.json") else { Issue.record("409 conflict"); return }
    guard case .badRequest = try status("badrequest-400.json") else { Issue.record("400"); return }
    guard case .unauthorized = try status("unauthorized-401.json") else { Issue.record("401"); return }
    guard case .forbidden = try status("forbidden-403.json") else { Issue.record("403"); return }
    guard case .forbidden = try status("anonymous-403.json") else { Issue.record("anonymous 403"); return }
    guard case .gone = try status("list-continue-too-old-410.json") else { Issue.record("410 continue"); return }
    guard case .gone = try status("list-exact-old-rv-410.json") else { Issue.record("410 exact"); return }
    guard case .server = try status("list-future-rv-504.json") else { Issue.record("504"); return }
    guard case .invalid(_, let causes) = try status("invalid-422.json") else { Issue.record("422"); return }
    #expect(causes.map(\.field) == ["spec.replicas", ".spec.replicas"])
    #expect(causes.first?.message.contains("greater than or equal to 0") == true)
    #expect(
      KubeError(status: StatusError(code: 429, reason: "TooManyRequests", message: "slow down"), retryAfter: 2)
        .description == "slow down (retry after 2s)")
  }

  @Test func scaleAnswers() throws {
    let scale = try Scale(decoding: try JSONParser.parse(try Fixture.bytes("get-demo-scale.json")))
    #expect(scale.replicas >= 0)
    #expect(scale.resourceVersion != nil)
    let patched = try Scale(decoding: try JSONParser.parse(try Fixture.bytes("patch-scale-response.json")))
    #expect(patched.replicas == 3)
  }
}
