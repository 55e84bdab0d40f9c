import ClusterClient
import Foundation
import KubeCore
import Testing

/// The simulated fleet's crash-looping instance, read as an SRE reads one: the current log and
/// `previous=true`, through the embedded server over loopback HTTPS.
@Suite("Simulated fleet: a restarted instance's previous log", .timeLimit(.minutes(3)))
struct FleetPreviousLogTests {
  @Test("a crash-looping instance's previous run holds its start and the error it crashed with")
  func previousRunOfACrashLoop() async throws {
    let harness = try await ControllerHarness()
    do {
      try await harness.model("llama-broken", version: "1", startupSeconds: 0, failureMode: "crashloop")
      try await harness.createCluster("chat", version: "1", replicas: 1)
      var restarted: String?
      try await harness.eventually("an instance has restarted twice") {
        restarted = try await harness.pods(of: "chat").first { pod in
          (pod[path: ["status", "containerStatuses"]]?.arrayValue?.first?["restartCount"]?.intValue ?? 0) >= 2
        }?[path: ["metadata", "name"]]?.stringValue
        return restarted != nil
      }
      let pod = try #require(restarted)
      let previous = LogSource(namespace: "default", pod: pod, previous: true)
      let texts = try await PodLogStream(
        client: harness.client, source: previous, options: PodLogOptions(follow: false)
      )
      .reduce(into: [String]()) { $0.append($1.message ?? $1.text) }
      #expect(texts.first == "starting model server", "\(texts)")
      #expect(texts.last?.contains("RuntimeError: model weights failed to load") == true, "\(texts)")
      #expect(texts.filter { $0 == "starting model server" }.count == 1, "one run only: \(texts)")
    } catch {
      try? await harness.stop()
      throw error
    }
    try await harness.stop()
  }
}
