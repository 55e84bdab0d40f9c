import ClusterTestSupport
import Foundation
import KubeCore
import Testing

@testable import EmbeddedCluster

/// Group commit in the object store: writes that arrive while a commit is under way share the
/// next transaction; each is answered, seen by a read and sent to watchers only once its batch is
/// durable; a refused write fails alone and a failed batch fails every write in it.
@Suite("object store: group commit")
struct GroupCommitTests {
  /// A cluster whose journal can hold and fail commits.
  static func gatedCluster() async throws -> (TestCluster, GatedJournal) {
    var gated: GatedJournal?
    let cluster = try await TestCluster(journal: { path in
      let journal = try GatedJournal(path: path)
      gated = journal
      return journal
    })
    guard let gated else { throw GatedJournal.InjectedFailure() }
    return (cluster, gated)
  }

  static func revision(_ value: JSONValue) -> Int64 {
    Int64(value[path: ["metadata", "resourceVersion"]]?.stringValue ?? "") ?? -1
  }

  static func listRevision(_ cluster: TestCluster) async throws -> Int64 {
    revision(try await cluster.call("GET", TestCluster.aiClusters).value)
  }

  static func create(_ cluster: TestCluster, _ name: String) -> Task<(status: Int, value: JSONValue), any Error> {
    Task { try await cluster.call("POST", TestCluster.aiClusters, body: TestCluster.aiCluster(name)) }
  }

  static func patch(_ cluster: TestCluster, _ name: String, replicas: Int64, resourceVersion: String? = nil)
    -> Task<(status: Int, value: JSONValue), any Error>
  {
    var body: JSONValue = ["spec": ["replicas": .int(replicas)]]
    if let resourceVersion { body.set(.string(resourceVersion), at: ["metadata", "resourceVersion"]) }
    let patch = body
    return Task {
      try await cluster.call(
        "PATCH", TestCluster.aiClusters + "/" + name, body: patch, contentType: "application/merge-patch+json")
    }
  }

  /// Holds the journal, starts one create that takes the commit, and waits until it is held there.
  static func holdFirstCommit(_ cluster: TestCluster, _ journal: GatedJournal, name: String) async throws
    -> Task<(status: Int, value: JSONValue), any Error>
  {
    journal.hold()
    let first = create(cluster, name)
    #expect(await Polling.until(upTo: .seconds(10)) { journal.heldCommits == 1 }, "the first commit never started")
    return first
  }

  static func waitForQueue(_ cluster: TestCluster, _ count: Int) async {
    let queued = await Polling.until(upTo: .seconds(10)) { await cluster.server.store.waitingWrites == count }
    let waiting = await cluster.server.store.waitingWrites
    #expect(queued, "\(waiting) writes queued, not \(count)")
  }

  @Test("creates that arrive during a commit share the next transaction; all are durable, at consecutive revisions")
  func concurrentCreatesShareOneCommit() async throws {
    let (cluster, journal) = try await Self.gatedCluster()
    let base = try await Self.listRevision(cluster)
    let first = try await Self.holdFirstCommit(cluster, journal, name: "first")
    let names = (0..<31).map { "c\($0)" }
    let creates = names.map { Self.create(cluster, $0) }
    await Self.waitForQueue(cluster, 31)

    // Nothing of a batch is visible before it is durable.
    #expect(try await cluster.call("GET", TestCluster.aiClusters + "/first").status == 404)
    let during = try await cluster.call("GET", TestCluster.aiClusters).value
    #expect(during["items"]?.arrayValue?.isEmpty == true)
    #expect(Self.revision(during) == base)

    journal.release()
    let firstAnswer = try await first.value
    #expect(firstAnswer.status == 201)
    #expect(Self.revision(firstAnswer.value) == base + 1)
    var answered: [String: Int64] = ["first": base + 1]
    for (name, task) in zip(names, creates) {
      let (status, value) = try await task.value
      #expect(status == 201, "\(name): \(value)")
      answered[name] = Self.revision(value)
    }
    #expect(answered.values.sorted() == Array((base + 1)...(base + 32)))
    #expect(journal.commitSizes.suffix(2) == [1, 31], "commits: \(journal.commitSizes)")

    // A fresh connection to the database has every acknowledged create at its answered revision.
    let reopened = try SQLiteJournal(path: cluster.directory.appendingPathComponent("state.db").path)
    let stored = try reopened.loadAll().filter { $0.key.resource.resource == "aiclusters" }
    #expect(Dictionary(uniqueKeysWithValues: stored.map { ($0.key.name, $0.revision) }) == answered)
    #expect(try reopened.revision() == base + 32)
  }

  @Test("a watch gets every change of a batch once it is durable, in strictly increasing revision order")
  func watchSeesBatchesInOrder() async throws {
    let (cluster, journal) = try await Self.gatedCluster()
    for name in ["p", "q"] { #expect(try await Self.create(cluster, name).value.status == 201) }
    let base = try await Self.listRevision(cluster)
    let response = await cluster.send(
      "GET", TestCluster.aiClusters, query: ["watch": "true", "resourceVersion": String(base)])
    let (frames, watchTask) = cluster.frames(of: response)
    defer { watchTask.cancel() }

    let first = try await Self.holdFirstCommit(cluster, journal, name: "a")
    let writes = [
      Self.patch(cluster, "p", replicas: 5),
      Task { try await cluster.call("DELETE", TestCluster.aiClusters + "/q") },
      Self.create(cluster, "b"), Self.create(cluster, "c"),
      // Decided after the held batch commits, so it finds "a".
      Self.patch(cluster, "a", replicas: 7),
    ]
    await Self.waitForQueue(cluster, writes.count)
    journal.release()
    #expect(try await first.value.status == 201)
    for write in writes {
      let (status, value) = try await write.value
      #expect((200...201).contains(status), "\(value)")
    }

    var events: [(type: String, name: String, revision: Int64, durable: Int64)] = []
    for await frame in frames {
      events.append(
        (
          frame["type"]?.stringValue ?? "", frame[path: ["object", "metadata", "name"]]?.stringValue ?? "",
          Self.revision(frame["object"] ?? .null), journal.durableRevision
        ))
      if events.count == 6 { break }
    }
    #expect(events.map(\.revision) == Array((base + 1)...(base + 6)))
    #expect(events.first.map { [$0.type, $0.name] } == ["ADDED", "a"])
    #expect(
      Set(events.dropFirst().map { "\($0.type) \($0.name)" }) == [
        "MODIFIED p", "DELETED q", "ADDED b", "ADDED c", "MODIFIED a",
      ])
    for event in events { #expect(event.revision <= event.durable, "\(event.name) was sent before it was durable") }
    #expect(journal.commitSizes.suffix(2) == [1, 5])
  }

  @Test("a write refused inside a batch fails alone with kube-apiserver's 409; the rest commit without a gap")
  func refusedWriteFailsAlone() async throws {
    let (cluster, journal) = try await Self.gatedCluster()
    for name in ["e", "y"] { #expect(try await Self.create(cluster, name).value.status == 201) }
    let staleVersion = String(try await Self.listRevision(cluster) - 1)
    let first = try await Self.holdFirstCommit(cluster, journal, name: "h")
    let held = try await Self.listRevision(cluster)
    let duplicates = [Self.create(cluster, "x"), Self.create(cluster, "x")]
    let existing = Self.create(cluster, "e")
    let stale = Self.patch(cluster, "y", replicas: 4, resourceVersion: staleVersion)
    let good = Self.create(cluster, "z")
    await Self.waitForQueue(cluster, 5)
    journal.release()
    #expect(try await first.value.status == 201)

    let duplicateAnswers = [try await duplicates[0].value, try await duplicates[1].value]
    #expect(duplicateAnswers.map(\.status).sorted() == [201, 409])
    let refusedDuplicate = try #require(duplicateAnswers.first { $0.status == 409 }).value
    #expect(refusedDuplicate["reason"] == "AlreadyExists")
    #expect(refusedDuplicate["message"] == #"aiclusters.ai.aiconsole.dev "x" already exists"#)
    let existingAnswer = try await existing.value
    #expect(existingAnswer.status == 409)
    #expect(existingAnswer.value["message"] == #"aiclusters.ai.aiconsole.dev "e" already exists"#)
    let staleAnswer = try await stale.value
    #expect(staleAnswer.status == 409)
    #expect(staleAnswer.value["reason"] == "Conflict")
    #expect(
      staleAnswer.value["message"]
        == #"Operation cannot be fulfilled on aiclusters.ai.aiconsole.dev "y": the object has been modified; please apply your changes to the latest version and try again"#
    )
    let goodAnswer = try await good.value
    #expect(goodAnswer.status == 201)

    // The refused writes took no revision: the batch holds x and z at the next two.
    let created = Self.revision(try #require(duplicateAnswers.first { $0.status == 201 }).value)
    #expect(Set([created, Self.revision(goodAnswer.value)]) == [held + 2, held + 3])
    #expect(journal.commitSizes.last == 2)
    #expect(try await Self.listRevision(cluster) == held + 3)
    let y = try await cluster.call("GET", TestCluster.aiClusters + "/y").value
    #expect(y[path: ["spec", "replicas"]] == 1)
  }

  @Test("a batch that fails to commit fails every write in it with a 500, and the store stays as it was")
  func failedBatchFailsEveryWrite() async throws {
    let (cluster, journal) = try await Self.gatedCluster()
    #expect(try await Self.create(cluster, "kept").value.status == 201)
    let first = try await Self.holdFirstCommit(cluster, journal, name: "h")
    let names = ["f1", "f2", "f3"]
    let doomed = names.map { Self.create(cluster, $0) } + [Self.patch(cluster, "kept", replicas: 9)]
    await Self.waitForQueue(cluster, doomed.count)
    journal.failNextCommit()
    // The held commit has already passed the failure check: only the next batch fails.
    journal.release()
    let held = try await first.value
    #expect(held.status == 201)
    let heldRevision = Self.revision(held.value)

    for write in doomed {
      let (status, value) = try await write.value
      #expect(status == 500, "\(value)")
      #expect(value["reason"] == "InternalError")
      #expect(value["message"]?.stringValue?.contains("disk I/O error (injected by the test)") == true)
    }
    for name in names {
      #expect(try await cluster.call("GET", TestCluster.aiClusters + "/" + name).status == 404)
    }
    let kept = try await cluster.call("GET", TestCluster.aiClusters + "/kept").value
    #expect(kept[path: ["spec", "replicas"]] == 1)
    #expect(try await Self.listRevision(cluster) == heldRevision)

    // The failed batch's revisions were taken back: the next write takes the one after the last
    // durable write, and a watch from there sees only it.
    let response = await cluster.send(
      "GET", TestCluster.aiClusters, query: ["watch": "true", "resourceVersion": String(heldRevision)])
    let (frames, watchTask) = cluster.frames(of: response)
    defer { watchTask.cancel() }
    let next = try await Self.create(cluster, "after").value
    #expect(Self.revision(next.value) == heldRevision + 1)
    let event = await frames.take(1).first
    #expect(event?[path: ["object", "metadata", "name"]] == "after")

    let reopened = try SQLiteJournal(path: cluster.directory.appendingPathComponent("state.db").path)
    let stored = Set(try reopened.loadAll().filter { $0.key.resource.resource == "aiclusters" }.map(\.key.name))
    #expect(stored == ["kept", "h", "after"])
  }
}
