import ClusterClient
import Foundation
import KubeCore
import Synchronization
import Testing

/// `kill -9` of the server under a stream of writes loses none that were acknowledged.
@Suite("durability across SIGKILL")
struct DurabilityTests {
  @Test("every acknowledged create survives kill -9, the store checks out, and the port and token stay")
  func survivesSigkill() async throws {
    let directory = ServeProcess.temporaryDirectory("sigkill")
    let first = ServeProcess(stateDirectory: directory)
    try first.start()
    let url = first.apiServer
    let client = try KubeClient(configuration: try .load(kubeconfig: first.kubeconfig, rateLimit: .unlimited))
    let acknowledged = AcknowledgedNames()
    let writers = (0..<4).map { writer in
      Task {
        for index in 0..<100_000 {
          let name = "w\(writer)-\(index)"
          let body: JSONValue = [
            "apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": .string(name)],
            "data": ["i": .string("\(index)")],
          ]
          guard
            let (status, _) = try? await client.send(
              .POST, "/api/v1/namespaces/default/configmaps", body: body.serialized())
          else { return }
          if status == 201 { acknowledged.append(name) } else { return }
        }
      }
    }
    while acknowledged.names.count < 300 { try await Task.sleep(for: .milliseconds(20)) }
    first.kill()
    for writer in writers { _ = await writer.result }
    try await client.shutdown()
    let names = acknowledged.names

    let second = ServeProcess(stateDirectory: directory)
    try second.start()
    defer { second.stop() }
    #expect(second.apiServer == url, "the restarted server moved from \(url) to \(second.apiServer)")
    let reader = try KubeClient(configuration: try .load(kubeconfig: second.kubeconfig, rateLimit: .unlimited))
    let list = try await reader.json(.GET, "/api/v1/namespaces/default/configmaps")
    try await reader.shutdown()
    let stored = Set((list["items"]?.arrayValue ?? []).compactMap { $0[path: ["metadata", "name"]]?.stringValue })
    let missing = names.filter { !stored.contains($0) }
    #expect(missing.isEmpty, "\(missing.count) of \(names.count) acknowledged writes were lost: \(missing.prefix(5))")
    let check = try runCommand(
      "/usr/bin/env", ["sqlite3", directory.appendingPathComponent("state.db").path, "PRAGMA integrity_check;"])
    if check.status == 0 { #expect(check.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "ok") }
  }
}

/// Names the server acknowledged, appended from several writer tasks.
final class AcknowledgedNames: Sendable {
  private let storage = Mutex<[String]>([])

  func append(_ name: String) { storage.withLock { $0.append(name) } }
  var names: [String] { storage.withLock { $0 } }
}
