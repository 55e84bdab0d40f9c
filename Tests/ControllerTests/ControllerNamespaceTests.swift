import ClusterClient
import ClusterTestSupport
import Controller
import Foundation
import KubeCore
import Logging
import Synchronization
import Testing

/// `aiconsole controller` on a cluster without its namespace: created when allowed, a clear
/// error naming the namespace and the command when not; a leader election that cannot reach its
/// Lease says why at warning.
@Suite(.serialized, .timeLimit(.minutes(3))) struct ControllerNamespaceTests {
  static let namespaces = APIResource(
    group: "", version: "v1", name: "namespaces", kind: "Namespace", namespaced: false)

  /// Log records kept for assertions.
  final class Records: Sendable {
    let entries = Mutex<[(Logger.Level, String, Logger.Metadata)]>([])
  }

  struct Capture: LogHandler {
    let records: Records
    var logLevel: Logger.Level = .trace
    var metadata: Logger.Metadata = [:]
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
      get { metadata[key] }
      set { metadata[key] = newValue }
    }
    func log(event: LogEvent) {
      records.entries.withLock { $0.append((event.level, "\(event.message)", event.metadata ?? [:])) }
    }
  }

  /// The lease requests the embedded server refused, from its own access log.
  func failedLeaseRequests(_ client: KubeClient) async throws -> Int {
    let log = try await client.podLog(namespace: "aiconsole-system", pod: "aiconsole-apiserver")
    return log.split(separator: "\n").filter { $0.contains("/leases") && $0.contains("\"status\":404") }.count
  }

  func client(_ server: EmbeddedServer, context: String? = nil) throws -> KubeClient {
    try KubeClient(configuration: .load(kubeconfig: server.kubeconfigPath, context: context, rateLimit: .unlimited))
  }

  @Test func aMissingNamespaceIsCreated() async throws {
    let server = try await EmbeddedServer.start()
    let client = try client(server)
    let quiet = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
    try await ControllerNamespace(client: client, name: "ai-ops", logger: quiet).ensure()
    let created = try await client.get(Self.namespaces, name: "ai-ops")
    #expect(created[path: ["status", "phase"]] == "Active")
    try await ControllerNamespace(client: client, name: "ai-ops", logger: quiet).ensure()
    try await client.shutdown()
    await server.stop()
  }

  @Test func aForbiddenCreateSaysWhatToCreate() async throws {
    let server = try await EmbeddedServer.start()
    let reader = try client(server, context: "aiconsole-embedded-read-only")
    let quiet = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
    await #expect {
      try await ControllerNamespace(client: reader, name: "ai-ops", logger: quiet).ensure()
    } throws: { error in
      let text = "\(error)"
      return error is ControllerNamespace.Missing && text.contains("kubectl create namespace ai-ops")
        && text.contains("namespace \"ai-ops\" does not exist")
    }
    try await ControllerNamespace(client: reader, name: "aiconsole-system", logger: quiet).ensure()
    try await reader.shutdown()
    await server.stop()
  }

  @Test func anElectionThatCannotReachItsLeaseWarnsWithTheReason() async throws {
    let server = try await EmbeddedServer.start()
    let client = try client(server)
    let records = Records()
    var election = LeaderElection(client: client, namespace: "no-such-ns", name: "lease", identity: "me")
    election.retryPeriod = .milliseconds(50)
    election.logger = Logger(label: "test") { _ in Capture(records: records) }
    let running = Task { await election.run {} }
    // Until the server has refused several attempts (its access log records each failed request).
    let retried = try await Polling.until(upTo: .seconds(30), every: .milliseconds(50)) {
      try await failedLeaseRequests(client) >= 5
    }
    #expect(retried, "the election did not retry")
    running.cancel()
    await running.value
    // Under load an attempt can also fail otherwise (a timeout): a reason of its own, warned once
    // too. What must not happen is the same reason warned again on the next retry.
    let warnings = records.entries.withLock { $0.filter { $0.0 == .warning } }
    let reasons = warnings.map { $0.2["reason"]?.description ?? "" }
    #expect(reasons.first == "NotFound (404)")
    #expect(zip(reasons, reasons.dropFirst()).allSatisfy { $0 != $1 }, "one warning per reason, not one per retry")
    #expect(warnings.first?.2["error"]?.description.contains("namespaces \"no-such-ns\" not found") == true)
    try await client.shutdown()
    await server.stop()
  }
}
