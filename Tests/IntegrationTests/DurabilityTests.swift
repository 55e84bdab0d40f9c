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
    // The soak kills the server five times under heavier writes; `make test` once.
    let soak = ProcessInfo.processInfo.environment["AICONSOLE_SOAK"] == "1"
    let (cycles, writesPerCycle) = soak ? (5, 3_000) : (1, 300)
    let directory = ServeProcess.temporaryDirectory("sigkill")
    let acknowledged = AcknowledgedNames()
    var url: String?
    for cycle in 0..<cycles {
      let server = ServeProcess(stateDirectory: directory)
      try server.start()
      if let url { #expect(server.apiServer == url, "the restarted server moved from \(url) to \(server.apiServer)") }
      url = server.apiServer
      try await Self.write(until: acknowledged.names.count + writesPerCycle, to: server, cycle: cycle, acknowledged)
    }
    let names = acknowledged.names

    let last = ServeProcess(stateDirectory: directory)
    try last.start()
    defer { last.stop() }
    #expect(last.apiServer == url, "the restarted server moved from \(url ?? "") to \(last.apiServer)")
    let reader = try KubeClient(configuration: try .load(kubeconfig: last.kubeconfig, rateLimit: .unlimited))
    let list = try await reader.json(.GET, "/api/v1/namespaces/default/configmaps")
    try await reader.shutdown()
    let stored = Set((list["items"]?.arrayValue ?? []).compactMap { $0[path: ["metadata", "name"]]?.stringValue })
    let missing = names.filter { !stored.contains($0) }
    #expect(missing.isEmpty, "\(missing.count) of \(names.count) acknowledged writes were lost: \(missing.prefix(5))")
    let check = try runCommand(
      "/usr/bin/env", ["sqlite3", directory.appendingPathComponent("state.db").path, "PRAGMA integrity_check;"])
    let integrity = check.status == 0 ? check.stdout.trimmingCharacters(in: .whitespacesAndNewlines) : "not checked"
    if check.status == 0 { #expect(integrity == "ok") }
    WriteLoadTests.report([
      "scenario": "sigkill", "kills": .int(Int64(cycles)), "acknowledged": .int(Int64(names.count)),
      "present": .int(Int64(names.count - missing.count)), "integrity_check": .string(integrity),
    ])
  }

  /// Four writers create ConfigMaps until `count` are acknowledged in all, then the server is
  /// killed with SIGKILL while they are still writing.
  static func write(until count: Int, to server: ServeProcess, cycle: Int, _ acknowledged: AcknowledgedNames)
    async throws
  {
    let client = try KubeClient(configuration: try .load(kubeconfig: server.kubeconfig, rateLimit: .unlimited))
    let writers = (0..<4).map { writer in
      Task {
        for index in 0..<1_000_000 {
          let name = "c\(cycle)-w\(writer)-\(index)"
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
    while acknowledged.names.count < count { try await Task.sleep(for: .milliseconds(20)) }
    server.kill()
    for writer in writers { _ = await writer.result }
    try await client.shutdown()
  }
}

/// Names the server acknowledged, appended from several writer tasks.
final class AcknowledgedNames: Sendable {
  private let storage = Mutex<[String]>([])

  func append(_ name: String) { storage.withLock { $0.append(name) } }
  var names: [String] { storage.withLock { $0 } }
}
