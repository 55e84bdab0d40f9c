import Synchronization

/// Requests in flight per instance Pod, for the router's least-busy choice among real instances
/// (the simulated ones count theirs in `InstanceLoad`).
final class InFlightCount: Sendable {
  private let counts = Mutex<[String: Int]>([:])

  func count(_ pod: String) -> Int { counts.withLock { $0[pod] ?? 0 } }

  func begin(_ pod: String) { counts.withLock { $0[pod, default: 0] += 1 } }

  func end(_ pod: String) {
    counts.withLock { counts in
      let left = (counts[pod] ?? 1) - 1
      counts[pod] = left > 0 ? left : nil
    }
  }
}
