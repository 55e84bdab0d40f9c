import Foundation
import KubeCore
import Synchronization

/// The API server's own log: one JSON line per mutating request (and per failed one), buffered in
/// memory and flushed to the `aiconsole-apiserver` pod's log every 200 ms, so writes never wait
/// on the log file.
final class AccessLog: Sendable {
  private let server: APIServer
  private let pending = Mutex<[String]>([])

  init(server: APIServer) { self.server = server }

  /// Records one request.
  func record(_ request: APIRequest, status: Int, latency: Duration) {
    let mutating = request.method != "GET" && request.method != "HEAD"
    guard mutating || status >= 400 else { return }
    var line: JSONValue = [
      "ts": .string(Timestamps.formatMilliseconds(Date())),
      "level": .string(status >= 500 ? "error" : status >= 400 ? "warn" : "info"), "logger": "apiserver",
      "msg": "request", "correlation_id": "", "verb": .string(request.method), "path": .string(request.path),
      "status": .int(Int64(status)),
      "latency_ms": .double((Self.milliseconds(latency) * 1000).rounded() / 1000),
    ]
    // Who made the change, as kube-apiserver's audit log says it (`userAgent`).
    if let agent = request.userAgent { line["user_agent"] = .string(agent) }
    pending.withLock { $0.append(line.jsonString) }
  }

  private static func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
  }

  /// Writes what is buffered.
  func flush() async {
    let lines = pending.withLock { buffered in
      defer { buffered.removeAll(keepingCapacity: true) }
      return buffered
    }
    guard !lines.isEmpty else { return }
    await server.appendLog(lines, namespace: Bootstrap.systemNamespace, pod: Bootstrap.apiServerPod)
  }

  /// Flushes every 200 ms until cancelled, then once more.
  func run() async {
    while !Task.isCancelled {
      try? await Task.sleep(for: .milliseconds(200))
      await flush()
    }
    await flush()
  }
}
