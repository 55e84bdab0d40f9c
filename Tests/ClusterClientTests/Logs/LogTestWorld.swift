import ClusterClient
import ClusterTestSupport
import Foundation
import KubeCore

@testable import EmbeddedCluster

/// An embedded control plane reached over HTTPS, plus the pod log files that in-process
/// components write: the server and a client, pods to create and delete, lines to append.
final class LogTestWorld: Sendable {
  let server: EmbeddedServer
  let client: KubeClient

  /// Quick reconnects, so that tests spend little time waiting out a restart.
  static let quickBackoff = ReconnectBackoff(initial: .milliseconds(50), maximum: .milliseconds(200))

  init(server: EmbeddedServer) throws {
    self.server = server
    client = try KubeClient(configuration: .load(kubeconfig: server.kubeconfigPath, rateLimit: .unlimited))
  }

  /// Runs `body` against a fresh server and stops it afterwards, whether `body` throws or not.
  static func with<T>(_ body: (LogTestWorld) async throws -> T) async throws -> T {
    let world = try LogTestWorld(server: try await EmbeddedServer.start())
    do {
      let result = try await body(world)
      await world.stop()
      return result
    } catch {
      await world.stop()
      throw error
    }
  }

  /// Stops the server and closes the client; together, since each waits for the other's goodbye.
  func stop() async {
    async let stopped: Void = server.stop()
    try? await client.shutdown()
    await stopped
  }

  /// The pod log files, written the way the embedded components write them.
  func append(_ pod: String, _ lines: [String], at date: Date = Date()) throws {
    try Self.append(pod, lines, at: date, stateDirectory: server.stateDirectory)
  }

  /// Appends to a pod's log in a state directory, whether or not a server is running on it.
  static func append(_ pod: String, _ lines: [String], at date: Date = Date(), stateDirectory: URL) throws {
    let logs = PodLogStore(directory: stateDirectory.appendingPathComponent("logs"))
    try logs.append(.init(namespace: "default", pod: pod, container: "app"), lines: lines, at: date)
  }

  func createPod(_ name: String, labels: [String: String] = [:]) async throws {
    try await Self.createPod(name, labels: labels, client: client)
  }

  static func createPod(_ name: String, labels: [String: String] = [:], client: KubeClient) async throws {
    var labelValues = JSONValue.emptyObject
    for (key, value) in labels { labelValues[key] = .string(value) }
    let pod: JSONValue = [
      "apiVersion": "v1", "kind": "Pod", "metadata": ["name": .string(name), "labels": labelValues],
      "spec": ["containers": [["name": "app", "image": "app:1"]]],
    ]
    _ = try await client.json(.POST, "/api/v1/namespaces/default/pods", body: pod)
  }

  func deletePod(_ name: String) async throws {
    _ = try await client.json(.DELETE, "/api/v1/namespaces/default/pods/\(name)")
  }

  static func source(_ pod: String) -> LogSource { LogSource(namespace: "default", pod: pod) }
}

extension AsyncIteratorProtocol where Element == LogRecord {
  /// The texts of the next `count` records (fewer if the sequence ends).
  mutating func texts(_ count: Int) async throws -> [String] {
    var texts: [String] = []
    while texts.count < count, let record = try await next() { texts.append(record.text) }
    return texts
  }
}
