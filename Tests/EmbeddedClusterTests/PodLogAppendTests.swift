import Foundation
import KubeCore
import Testing

@testable import EmbeddedCluster

@Suite("API server: appending pod log lines with POST (embedded only)")
struct PodLogAppendTests {
  static let logPath = PodLogTests.logPath

  static func append(
    _ cluster: TestCluster, _ text: String, path: String = logPath, contentType: String = "text/plain",
    token: String? = "admin-token", certificate: CertificateIdentity? = nil
  ) async -> APIResponse {
    await cluster.send(
      "POST", path, bytes: Array(text.utf8), contentType: contentType, token: token, certificate: certificate)
  }

  @Test("each line of the body is appended; a final newline adds no empty line and CRs are dropped")
  func appendsLines() async throws {
    let cluster = try await PodLogTests.cluster()
    let response = await Self.append(cluster, "{\"msg\":\"one\"}\r\ntwo\n\nthree\n")
    #expect(response.status == 201)
    #expect(
      try JSONParser.parse(response.bodyBytes)
        == ["kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Success", "code": 201])
    #expect(await Self.append(cluster, "four").status == 201)
    #expect(await PodLogTests.text(cluster) == (200, "{\"msg\":\"one\"}\ntwo\n\nthree\nfour\n"))
  }

  @Test("appended lines are stamped with the server's clock")
  func stampedNow() async throws {
    let cluster = try await PodLogTests.cluster()
    let before = Date()
    #expect(await Self.append(cluster, "stamped\n").status == 201)
    let (_, text) = await PodLogTests.text(cluster, ["timestamps": "true"])
    let stamp = try #require(text.split(separator: " ").first)
    let written = try #require(Timestamps.parse(String(stamp.prefix(19)) + "Z"))
    #expect(abs(written.timeIntervalSince(before)) < 5)
    #expect(text.hasSuffix(" stamped\n"))
  }

  @Test("a follower started before the append receives the appended lines", .timeLimit(.minutes(1)))
  func followerSeesAppends() async throws {
    let cluster = try await PodLogTests.cluster()
    #expect(await Self.append(cluster, "before\n").status == 201)
    let response = await cluster.send("GET", Self.logPath, query: ["follow": "true"])
    let (frames, task) = cluster.frames(of: response)
    #expect(await Self.append(cluster, "after 1\nafter 2\n").status == 201)
    #expect(await frames.take(3) == ["before", "after 1", "after 2"])
    task.cancel()
  }

  @Test("concurrent appends to one pod keep every line whole", .timeLimit(.minutes(1)))
  func concurrentAppends() async throws {
    let cluster = try await PodLogTests.cluster()
    await withTaskGroup(of: Int.self) { group in
      for writer in 0..<40 {
        group.addTask {
          let body = (0..<25).map { "writer \(writer) line \($0)" }.joined(separator: "\n")
          return await Self.append(cluster, body).status
        }
      }
      for await status in group { #expect(status == 201) }
    }
    let lines = await PodLogTests.text(cluster).text.split(separator: "\n").map(String.init)
    let expected = (0..<40).flatMap { writer in (0..<25).map { "writer \(writer) line \($0)" } }
    #expect(lines.count == 1000)
    #expect(Set(lines) == Set(expected))
  }

  @Test("threads appending to one log at once lose no line")
  func storeAppendsFromThreads() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("podlogs-\(UUID().uuidString)")
    let store = PodLogStore(directory: directory)
    DispatchQueue.concurrentPerform(iterations: 8) { writer in
      for line in 0..<200 {
        do {
          try store.append(.init(namespace: "ns", pod: "p", container: "app"), lines: ["w\(writer) l\(line)"])
        } catch {
          Issue.record(error)
        }
      }
    }
    let read = store.read(.init(namespace: "ns", pod: "p", container: "app"), PodLogStore.Selection())
    let lines = String(decoding: read.bytes, as: UTF8.self).split(separator: "\n")
    #expect(lines.count == 1600)
    #expect(Set(lines.map(String.init)).count == 1600)
  }

  @Test("a missing pod is a 404 NotFound Status, and nothing is written")
  func missingPod() async throws {
    let cluster = try await PodLogTests.cluster()
    let response = await Self.append(cluster, "lost\n", path: "/api/v1/namespaces/default/pods/ghost/log")
    #expect(response.status == 404)
    let status = try JSONParser.parse(response.bodyBytes)
    #expect(status["kind"] == "Status" && status["reason"] == "NotFound")
    #expect(status["message"] == "pods \"ghost\" not found")
    let file = cluster.server.podLogs.file(.init(namespace: "default", pod: "ghost", container: "app"))
    #expect(!FileManager.default.fileExists(atPath: file.path))
  }

  @Test(
    "bad bodies are refused: empty (400), not UTF-8 (400), not text/plain (415)",
    arguments: [
      ([], "text/plain", 400), ([0x66, 0xFF, 0x0A], "text/plain; charset=utf-8", 400),
      (Array("{\"msg\":1}".utf8), "application/json", 415),
    ] as [([UInt8], String, Int)])
  func badBodies(body: [UInt8], contentType: String, code: Int) async throws {
    let cluster = try await PodLogTests.cluster()
    let response = await cluster.send("POST", Self.logPath, bytes: body, contentType: contentType)
    #expect(response.status == code)
    #expect(try JSONParser.parse(response.bodyBytes)["kind"] == "Status")
    #expect(await PodLogTests.text(cluster).text == "")
  }

  @Test("read-only identities may read the log but not append to it; system:masters may")
  func access() async throws {
    let cluster = try await PodLogTests.cluster()
    let viewer = CertificateIdentity(user: "jane", groups: ["viewers"])
    let byCertificate = await Self.append(cluster, "no\n", token: nil, certificate: viewer)
    #expect(byCertificate.status == 403)
    let refusal = try JSONParser.parse(byCertificate.bodyBytes)
    #expect(refusal["reason"] == "Forbidden")
    #expect(refusal["message"]?.stringValue?.contains("cannot create resource \"pods/log\"") == true)
    #expect(await Self.append(cluster, "no\n", token: "reader-token").status == 403)
    let admin = CertificateIdentity(user: "root", groups: ["system:masters"])
    #expect(await Self.append(cluster, "yes\n", token: nil, certificate: admin).status == 201)
    #expect(await PodLogTests.text(cluster) == (200, "yes\n"))
  }

  @Test("POST to the log of a resource without one is not found")
  func onlyPodsHaveLogs() async throws {
    let cluster = try await PodLogTests.cluster()
    let response = await Self.append(cluster, "x\n", path: "/api/v1/namespaces/default/services/web/log")
    #expect(response.status == 404)
  }
}
