import Foundation
import KubeCore
import Testing

@testable import EmbeddedCluster

@Suite("API server: pod logs as the kubelet serves them")
struct PodLogTests {
  static let logPath = "/api/v1/namespaces/default/pods/web/log"
  /// 2026-01-02T03:04:05Z, plus fractions a `Double` holds exactly.
  static let base = Date(timeIntervalSince1970: 1_767_323_045)

  static func cluster() async throws -> TestCluster {
    let cluster = try await TestCluster()
    let pod: JSONValue = [
      "apiVersion": "v1", "kind": "Pod", "metadata": ["name": "web"],
      "spec": ["containers": [["name": "app", "image": "web:1"]]],
    ]
    let (status, _) = try await cluster.call("POST", "/api/v1/namespaces/default/pods", body: pod)
    #expect(status == 201)
    return cluster
  }

  static func text(_ cluster: TestCluster, _ query: [String: String] = [:]) async -> (status: Int, text: String) {
    let response = await cluster.send("GET", logPath, query: query, accept: "*/*")
    return (response.status, String(decoding: response.bodyBytes, as: UTF8.self))
  }

  @Test("stores each line after its write time and strips the time on read")
  func storesStamps() async throws {
    let cluster = try await Self.cluster()
    try cluster.server.podLogs.append(
      .init(namespace: "default", pod: "web", container: "app"), lines: ["one", "{\"msg\":\"two\"}"],
      at: Self.base.addingTimeInterval(0.25))
    let file = cluster.server.podLogs.file(.init(namespace: "default", pod: "web", container: "app"))
    #expect(
      try String(contentsOf: file, encoding: .utf8)
        == "2026-01-02T03:04:05.250000000Z one\n2026-01-02T03:04:05.250000000Z {\"msg\":\"two\"}\n")
    #expect(await Self.text(cluster) == (200, "one\n{\"msg\":\"two\"}\n"))
  }

  @Test("timestamps=true prefixes each line with its RFC 3339 write time and a space")
  func timestamps() async throws {
    let cluster = try await Self.cluster()
    try cluster.server.podLogs.append(
      .init(namespace: "default", pod: "web", container: "app"), lines: ["a"], at: Self.base)
    try cluster.server.podLogs.append(
      .init(namespace: "default", pod: "web", container: "app"), lines: ["b"], at: Self.base + 1.5)
    let (status, text) = await Self.text(cluster, ["timestamps": "true"])
    #expect(status == 200)
    #expect(text == "2026-01-02T03:04:05.000000000Z a\n2026-01-02T03:04:06.500000000Z b\n")
  }

  @Test(
    "sinceTime selects the lines written at or after it",
    arguments: [
      ("2026-01-02T03:04:06Z", "b\nc\n"), ("2026-01-02T03:04:06.5Z", "b\nc\n"),
      ("2026-01-02T03:04:06.500000001Z", "c\n"), ("2026-01-02T05:04:06.5+02:00", "b\nc\n"),
      ("2026-01-02T03:04:00Z", "a\nb\nc\n"), ("2026-01-02T03:05:00Z", ""),
    ])
  func sinceTime(since: String, expected: String) async throws {
    let cluster = try await Self.cluster()
    for (offset, line) in [(0.0, "a"), (1.5, "b"), (2.75, "c")] {
      try cluster.server.podLogs.append(
        .init(namespace: "default", pod: "web", container: "app"), lines: [line], at: Self.base + offset)
    }
    #expect(await Self.text(cluster, ["sinceTime": since]) == (200, expected))
  }

  @Test("sinceSeconds counts back from the server's clock")
  func sinceSeconds() async throws {
    let cluster = try await Self.cluster()
    try cluster.server.podLogs.append(
      .init(namespace: "default", pod: "web", container: "app"), lines: ["old"], at: Date() - 120)
    try cluster.server.podLogs.append(
      .init(namespace: "default", pod: "web", container: "app"), lines: ["new"], at: Date() - 5)
    #expect(await Self.text(cluster, ["sinceSeconds": "60"]) == (200, "new\n"))
    #expect(await Self.text(cluster, ["sinceSeconds": "600"]) == (200, "old\nnew\n"))
  }

  @Test(
    "bad selections are refused with 400",
    arguments: [
      ["sinceTime": "yesterday"], ["sinceTime": "2026-01-02T03:04:06Z", "sinceSeconds": "5"],
      ["sinceSeconds": "0"], ["tailLines": "many"], ["container": "sidecar"],
    ])
  func badSelections(query: [String: String]) async throws {
    let cluster = try await Self.cluster()
    #expect(await Self.text(cluster, query).status == 400)
  }

  @Test("tailLines applies after sinceTime, limitBytes last, and timestamps count toward the bytes")
  func tailAndLimit() async throws {
    let cluster = try await Self.cluster()
    let lines = (1...6).map { "line \($0)" }
    for (index, line) in lines.enumerated() {
      try cluster.server.podLogs.append(
        .init(namespace: "default", pod: "web", container: "app"), lines: [line], at: Self.base + Double(index))
    }
    #expect(await Self.text(cluster, ["tailLines": "2"]).text == "line 5\nline 6\n")
    #expect(
      await Self.text(cluster, ["tailLines": "10", "sinceTime": "2026-01-02T03:04:09Z"]).text == "line 5\nline 6\n")
    #expect(await Self.text(cluster, ["tailLines": "0"]).text == "")
    #expect(await Self.text(cluster, ["limitBytes": "9"]).text == "line 1\nli")
    let stamped = await Self.text(cluster, ["tailLines": "1", "timestamps": "true", "limitBytes": "31"]).text
    #expect(stamped == "2026-01-02T03:04:10.000000000Z ")
  }

  @Test("lines stored before stamps existed are read as they are, and no time selects them")
  func unstampedLines() async throws {
    let cluster = try await Self.cluster()
    let file = cluster.server.podLogs.file(.init(namespace: "default", pod: "web", container: "app"))
    try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data("legacy line\n".utf8).write(to: file)
    try cluster.server.podLogs.append(
      .init(namespace: "default", pod: "web", container: "app"), lines: ["stamped"], at: Self.base)
    #expect(await Self.text(cluster).text == "legacy line\nstamped\n")
    #expect(await Self.text(cluster, ["sinceTime": "2000-01-01T00:00:00Z"]).text == "stamped\n")
    #expect(
      await Self.text(cluster, ["timestamps": "true"]).text
        == "1970-01-01T00:00:00.000000000Z legacy line\n2026-01-02T03:04:05.000000000Z stamped\n")
  }

  @Test("a line still being written is not read until its newline arrives")
  func partialLine() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("podlogs-\(UUID().uuidString)")
    let store = PodLogStore(directory: directory)
    try store.append(.init(namespace: "ns", pod: "p", container: "app"), lines: ["whole"], at: Self.base)
    let handle = try FileHandle(forWritingTo: store.file(.init(namespace: "ns", pod: "p", container: "app")))
    try handle.seekToEnd()
    try handle.write(contentsOf: Data("2026-01-02T03:04:06.000000000Z hal".utf8))
    let first = store.read(.init(namespace: "ns", pod: "p", container: "app"), from: .start, PodLogStore.Selection())
    #expect(String(decoding: first.bytes, as: UTF8.self) == "whole\n")
    try handle.write(contentsOf: Data("f\n".utf8))
    try handle.close()
    let second = store.read(
      .init(namespace: "ns", pod: "p", container: "app"), from: first.end, PodLogStore.Selection(timestamps: true))
    #expect(String(decoding: second.bytes, as: UTF8.self) == "2026-01-02T03:04:06.000000000Z half\n")
  }

  @Test("follow streams new lines with their stamps and ends when the pod is deleted", .timeLimit(.minutes(1)))
  func follow() async throws {
    let cluster = try await Self.cluster()
    try cluster.server.podLogs.append(
      .init(namespace: "default", pod: "web", container: "app"), lines: ["first"], at: Self.base)
    let response = await cluster.send(
      "GET", Self.logPath, query: ["follow": "true", "timestamps": "true", "sinceTime": "2026-01-02T03:04:05Z"])
    let (frames, task) = cluster.frames(of: response)
    try cluster.server.podLogs.append(
      .init(namespace: "default", pod: "web", container: "app"), lines: ["second"], at: Self.base + 1)
    let received = await frames.take(2)
    #expect(
      received == [
        .string("2026-01-02T03:04:05.000000000Z first"), .string("2026-01-02T03:04:06.000000000Z second"),
      ])
    let (deleted, _) = try await cluster.call("DELETE", "/api/v1/namespaces/default/pods/web")
    #expect(deleted == 200)
    try await task.value
  }
}
