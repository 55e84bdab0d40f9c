import ClusterClient
import Synchronization

/// Log lines for standard error written in batches, as proxies write access logs (nginx's
/// `buffer=`, Envoy's flush interval): one `write` per request cost the gateway a tenth of its
/// throughput. Lines wait at most `interval` while `run` is running, and `run` writes what is
/// left when it is cancelled.
final class BufferedStandardError: Sendable {
  static let flushBytes = 64 << 10
  static let interval = Duration.milliseconds(100)
  private let pending = Mutex<[UInt8]>([])

  func write(_ line: String) {
    pending.withLock { pending in
      pending.append(contentsOf: line.utf8)
      pending.append(UInt8(ascii: "\n"))
      // Written under the lock, so that batches from several threads keep their order.
      if pending.count >= Self.flushBytes { Self.drain(&pending) }
    }
  }

  func flush() { pending.withLock { Self.drain(&$0) } }

  /// Flushes every `interval` until cancelled, then once more.
  func run() async {
    while !Task.isCancelled {
      try? await Task.sleep(for: Self.interval)
      flush()
    }
    flush()
  }

  private static func drain(_ pending: inout [UInt8]) {
    guard !pending.isEmpty else { return }
    JSONLineLogHandler.writeToStandardError(pending)
    pending.removeAll(keepingCapacity: true)
  }
}
