import Foundation
import KubeCore
import Testing

@testable import EmbeddedCluster

@Suite("API server: a container's previous run, and logs per container and pod uid")
struct PodLogPreviousTests {
  static let pods = "/api/v1/namespaces/default/pods"

  /// A pod on a node with the given containers, running their first run.
  static func cluster(containers: [String] = ["app"]) async throws -> TestCluster {
    let cluster = try await TestCluster()
    try await create(cluster, containers: containers)
    try await setStatus(cluster, containers.map { running($0, restarts: 0) })
    return cluster
  }

  static func create(_ cluster: TestCluster, containers: [String]) async throws {
    let pod: JSONValue = [
      "apiVersion": "v1", "kind": "Pod", "metadata": ["name": "web"],
      "spec": [
        "nodeName": "node-1",
        "containers": .array(containers.map { ["name": .string($0), "image": "web:1"] }),
      ],
    ]
    let (status, created) = try await cluster.call("POST", pods, body: pod)
    #expect(status == 201, "\(created)")
  }

  static func running(_ name: String, restarts: Int64, crashed: Bool = false) -> JSONValue {
    var status: JSONValue = [
      "name": .string(name), "ready": true, "restartCount": .int(restarts),
      "state": ["running": ["startedAt": "2026-01-02T03:04:05Z"]],
    ]
    if crashed { status["lastState"] = lastState }
    return status
  }

  static func crashLooping(_ name: String, restarts: Int64) -> JSONValue {
    [
      "name": .string(name), "ready": false, "restartCount": .int(restarts), "lastState": lastState,
      "state": ["waiting": ["reason": "CrashLoopBackOff"]],
    ]
  }

  static let lastState: JSONValue = [
    "terminated": ["exitCode": 1, "reason": "Error", "finishedAt": "2026-01-02T03:04:05Z"]
  ]

  static func setStatus(_ cluster: TestCluster, _ containers: [JSONValue]) async throws {
    let patch: JSONValue = ["status": ["phase": "Running", "containerStatuses": .array(containers)]]
    let response = await cluster.send(
      "PATCH", "\(pods)/web/status", body: patch, contentType: "application/merge-patch+json")
    #expect(response.status == 200)
  }

  static func append(_ cluster: TestCluster, _ text: String, container: String? = nil) async {
    let response = await post(cluster, text, container: container)
    #expect(response.status == 201, "\(String(decoding: response.bodyBytes, as: UTF8.self))")
  }

  static func post(_ cluster: TestCluster, _ text: String, container: String?) async -> APIResponse {
    let request = APIRequest(
      method: "POST", path: "\(pods)/web/log", query: container.map { ["container": $0] } ?? [:],
      contentType: "text/plain", bearerToken: "admin-token", body: Array(text.utf8))
    return await cluster.server.handle(request)
  }

  static func read(_ cluster: TestCluster, _ query: [String: String] = [:]) async -> (status: Int, text: String) {
    let response = await cluster.send("GET", "\(pods)/web/log", query: query, accept: "*/*")
    return (response.status, String(decoding: response.bodyBytes, as: UTF8.self))
  }

  @Test("after a restart the current log starts empty and previous=true reads the run before")
  func previousAfterRestart() async throws {
    let cluster = try await Self.cluster()
    await Self.append(cluster, "first run\n")
    // As a kubelet reports a crash: waiting out the back-off, restartCount already counting it.
    try await Self.setStatus(cluster, [Self.crashLooping("app", restarts: 1)])
    await Self.append(cluster, "crashed: checksum mismatch\n")
    // While it waits, the current log is the crashed run's, as the kubelet serves it; so is -p.
    #expect(await Self.read(cluster) == (200, "first run\ncrashed: checksum mismatch\n"))
    #expect(await Self.read(cluster, ["previous": "true"]) == (200, "first run\ncrashed: checksum mismatch\n"))
    try await Self.setStatus(cluster, [Self.running("app", restarts: 1, crashed: true)])
    #expect(await Self.read(cluster) == (200, ""))
    await Self.append(cluster, "second run\n")
    #expect(await Self.read(cluster) == (200, "second run\n"))
    #expect(await Self.read(cluster, ["previous": "true"]) == (200, "first run\ncrashed: checksum mismatch\n"))
    #expect(await Self.read(cluster, ["previous": "true", "tailLines": "1"]) == (200, "crashed: checksum mismatch\n"))
    #expect(await Self.read(cluster, ["previous": "false"]) == (200, "second run\n"))
  }

  @Test("previous=true without a restart is the kubelet's 400")
  func noPrevious() async throws {
    let cluster = try await Self.cluster()
    await Self.append(cluster, "only run\n")
    let response = await cluster.send(
      "GET", "\(Self.pods)/web/log", query: ["previous": "true"], accept: "application/json")
    #expect(response.status == 400)
    let status = try JSONParser.parse(response.bodyBytes)
    #expect(status["kind"] == "Status" && status["reason"] == "BadRequest" && status["code"] == 400)
    #expect(status["message"] == #"previous terminated container "app" in pod "web" not found"#)
  }

  @Test("previous=true with follow=true reads the ended run and ends")
  func previousDoesNotFollow() async throws {
    let cluster = try await Self.cluster()
    await Self.append(cluster, "old\n")
    try await Self.setStatus(cluster, [Self.running("app", restarts: 1, crashed: true)])
    let response = await cluster.send(
      "GET", "\(Self.pods)/web/log", query: ["previous": "true", "follow": "true"], accept: "*/*")
    #expect(response.status == 200)
    #expect(String(decoding: response.bodyBytes, as: UTF8.self) == "old\n")
  }

  @Test("a followed log ends when its container restarts, as the kubelet's stream ends with its container")
  func followEndsOnRestart() async throws {
    let cluster = try await Self.cluster()
    await Self.append(cluster, "before\n")
    let response = await cluster.send("GET", "\(Self.pods)/web/log", query: ["follow": "true"], accept: "*/*")
    guard case .stream(let produce) = response.body else {
      Issue.record("a followed log is a stream")
      return
    }
    let (chunks, continuation) = AsyncStream.makeStream(of: String.self)
    let task = Task {
      var writer: any FrameWriter = TextCollector(continuation: continuation)
      defer { continuation.finish() }
      try await produce(&writer)
    }
    var received = chunks.makeAsyncIterator()
    #expect(await received.next() == "before\n")
    try await Self.setStatus(cluster, [Self.running("app", restarts: 1, crashed: true)])
    await Self.append(cluster, "next run\n")
    // The stream ends by itself (no cancel), without the next run's line.
    while let chunk = await received.next() { #expect(!chunk.contains("next run")) }
    try await task.value
  }

  @Test("several containers: a read must name one (kube-apiserver's message), each has its own log")
  func containers() async throws {
    let cluster = try await Self.cluster(containers: ["model", "sidecar"])
    await Self.append(cluster, "model line\n")
    await Self.append(cluster, "sidecar line\n", container: "sidecar")
    let (status, text) = await Self.read(cluster)
    #expect(status == 400)
    #expect(text.contains("a container name must be specified for pod web, choose one of: [model sidecar]"))
    #expect(await Self.read(cluster, ["container": "model"]) == (200, "model line\n"))
    #expect(await Self.read(cluster, ["container": "sidecar"]) == (200, "sidecar line\n"))
    let bad = await Self.read(cluster, ["container": "ghost"])
    #expect(bad.status == 400 && bad.text.contains("container ghost is not valid for pod web"))
    #expect(await Self.post(cluster, "x\n", container: "ghost").status == 400)
  }

  @Test("a pod made again under the same name starts with an empty log")
  func recreatedPod() async throws {
    let cluster = try await Self.cluster()
    await Self.append(cluster, "old pod\n")
    let (deleted, _) = try await cluster.call("DELETE", "\(Self.pods)/web", query: ["gracePeriodSeconds": "0"])
    #expect(deleted == 200)
    try await Self.create(cluster, containers: ["app"])
    #expect(await Self.read(cluster) == (200, ""))
    await Self.append(cluster, "new pod\n")
    #expect(await Self.read(cluster) == (200, "new pod\n"))
  }

  @Test("a container keeps its current and previous runs only; deleted pods' logs are swept")
  func bounded() async throws {
    let cluster = try await Self.cluster()
    let folder = cluster.server.podLogs.podDirectory(namespace: "default", pod: "web").appendingPathComponent("app")
    for restart in 0..<4 {
      try await Self.setStatus(cluster, [Self.running("app", restarts: Int64(restart), crashed: restart > 0)])
      await Self.append(cluster, "run \(restart)\n")
      // A rotated part goes with its run.
      try Data().write(to: folder.appendingPathComponent("\(restart).log.1"))
    }
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == [
        "2.log", "2.log.1", "3.log", "3.log.1",
      ])
    #expect(await Self.read(cluster, ["previous": "true"]) == (200, "run 2\n"))

    let db: JSONValue = [
      "apiVersion": "v1", "kind": "Pod", "metadata": ["name": "db"],
      "spec": ["containers": [["name": "db", "image": "db:1"]]],
    ]
    #expect(try await cluster.call("POST", Self.pods, body: db).status == 201)
    let kept = await cluster.send("POST", "\(Self.pods)/db/log", bytes: Array("up\n".utf8), contentType: "text/plain")
    #expect(kept.status == 201)
    let (deleted, _) = try await cluster.call("DELETE", "\(Self.pods)/web", query: ["gracePeriodSeconds": "0"])
    #expect(deleted == 200)
    let server = cluster.server
    let sweeping = APIServer(
      store: server.store, registry: server.registry, tokens: server.tokens,
      podLogs: PodLogStore(directory: server.podLogs.directory, sweepInterval: .zero), logger: server.logger,
      now: server.now)
    await sweeping.sweepPodLogsIfDue()
    #expect(!FileManager.default.fileExists(atPath: folder.path))
    #expect(sweeping.podLogs.pods().map { "\($0.namespace)/\($0.pod)" } == ["default/db"])
  }

  @Test("a run's log past the size limit is rotated once; readers and followers see one log")
  func rotation() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("podlogs-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    // Each stored line is a 30-byte stamp, a space, the text and a newline: 40 bytes here.
    let store = PodLogStore(directory: directory, maximumFileBytes: 100)
    let run = PodLogStore.Instance(namespace: "ns", pod: "p", container: "app")
    let all = PodLogStore.Selection()
    try store.append(run, lines: ["line-0001", "line-0002"])
    let follower = store.read(run, all)
    try store.append(run, lines: ["line-0003"])  // 120 bytes: rotated after this write
    try store.append(run, lines: ["line-0004"])
    let text = { (bytes: [UInt8]) in String(decoding: bytes, as: UTF8.self) }
    #expect(FileManager.default.fileExists(atPath: PodLogStore.rotated(store.file(run)).path))
    #expect(text(store.read(run, all).bytes) == "line-0001\nline-0002\nline-0003\nline-0004\n")
    let next = store.read(run, from: follower.end, all)
    #expect(text(next.bytes) == "line-0003\nline-0004\n", "the rest of the rotated file, then the new one")
    try store.append(run, lines: ["line-0005", "line-0006", "line-0007"])  // rotated again: 0001–0003 gone
    #expect(text(store.read(run, all).bytes) == "line-0004\nline-0005\nline-0006\nline-0007\n")
    #expect(text(store.read(run, from: next.end, all).bytes) == "line-0005\nline-0006\nline-0007\n")
  }

  @Test("a log of the one-file-per-pod layout is kept as the current run's")
  func legacyLayout() async throws {
    let cluster = try await Self.cluster()
    let old = cluster.server.podLogs.directory.appendingPathComponent("default").appendingPathComponent("web.log")
    try FileManager.default.createDirectory(at: old.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data("2026-01-02T03:04:05.000000000Z kept\n".utf8).write(to: old)
    #expect(await Self.read(cluster) == (200, "kept\n"))
    #expect(!FileManager.default.fileExists(atPath: old.path))
  }
}

/// Collects a streamed log's chunks as text.
private struct TextCollector: FrameWriter {
  let continuation: AsyncStream<String>.Continuation
  mutating func write(_ bytes: [UInt8]) async throws { continuation.yield(String(decoding: bytes, as: UTF8.self)) }
}
