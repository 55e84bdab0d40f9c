import ClusterClient
import ClusterTestSupport
import EmbeddedCluster
import Foundation
import KubeCore
import Logging
import Synchronization
import Testing

@Suite("KubeClient.appendPodLog over HTTPS against the embedded server", .timeLimit(.minutes(1)))
struct KubeClientPodLogAppendTests {
  @Test("lines logged by JSONLineLogHandler and appended reach a follower that started before")
  func appendedLinesReachAFollower() async throws {
    try await LogTestWorld.with { world in
      try await world.createPod("model-0")
      try await world.client.appendPodLog(namespace: "default", pod: "model-0", lines: ["starting"])
      var records = PodLogStreamTests.stream(world.client, "model-0").makeAsyncIterator()
      // Reading the first line means the follower is connected before the next lines exist.
      #expect(try await records.next()?.text == "starting")
      let lines = Mutex<[String]>([])
      let handler = JSONLineLogHandler(label: "instance", sink: { line in lines.withLock { $0.append(line) } })
      let logger = Logger(label: "instance") { _ in handler }
      logger.info("loaded", metadata: ["correlation_id": "req-1", "model": "llama-3-8b"])
      logger.warning("slow", metadata: ["latency_ms": "950"])
      try await world.client.appendPodLog(namespace: "default", pod: "model-0", lines: lines.withLock { $0 })
      let first = try #require(try await records.next())
      #expect(first.message == "loaded" && first.correlationID == "req-1" && first["model"] == "llama-3-8b")
      #expect(first.timestamp != nil)
      let second = try #require(try await records.next())
      #expect(second.message == "slow" && second.level == .warn && second["latency_ms"] == "950")
    }
  }

  @Test("the appended lines read back whole, and an empty list sends nothing")
  func readBack() async throws {
    try await LogTestWorld.with { world in
      try await world.createPod("web")
      try await world.client.appendPodLog(namespace: "default", pod: "web", lines: ["one", "", "two"])
      try await world.client.appendPodLog(namespace: "default", pod: "web", lines: [])
      #expect(try await world.client.podLog(namespace: "default", pod: "web") == "one\n\ntwo\n")
    }
  }

  @Test("a missing pod is KubeError.notFound")
  func missingPod() async throws {
    try await LogTestWorld.with { world in
      await #expect {
        try await world.client.appendPodLog(namespace: "default", pod: "ghost", lines: ["x"])
      } throws: { error in
        guard case .notFound(let status) = error as? KubeError else { return false }
        return status.message == "pods \"ghost\" not found"
      }
    }
  }

  @Test("a read-only client certificate is KubeError.forbidden")
  func readOnlyCertificate() async throws {
    try await LogTestWorld.with { world in
      try await world.createPod("web")
      let viewer = try EmbeddedCertificateAuthority.issueClientCertificate(
        stateDirectory: world.server.stateDirectory, commonName: "jane", organizations: ["viewers"])
      var configuration = try ClusterConfiguration.load(kubeconfig: world.server.kubeconfigPath)
      configuration.credentials = .none
      configuration.tls.clientCertificatePEM = Array(viewer.certificatePEM.utf8)
      configuration.tls.clientKeyPEM = Array(viewer.keyPEM.utf8)
      let reader = try KubeClient(configuration: configuration)
      await #expect {
        try await reader.appendPodLog(namespace: "default", pod: "web", lines: ["x"])
      } throws: { error in
        guard case .forbidden = error as? KubeError else { return false }
        return true
      }
      #expect(try await reader.podLog(namespace: "default", pod: "web") == "")
      try await reader.shutdown()
    }
  }
}
