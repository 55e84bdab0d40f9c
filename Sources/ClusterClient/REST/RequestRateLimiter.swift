import Foundation
import KubeCore

/// A token bucket shared by every request of one client, like client-go's: `burst` requests at
/// once, then `queriesPerSecond` on average. Callers wait their turn in arrival order.
actor RequestRateLimiter {
  private let rate: Double
  private let burst: Double
  private var tokens: Double
  private var last: ContinuousClock.Instant

  init(_ limit: RateLimit) {
    rate = max(limit.queriesPerSecond, 0.001)
    burst = Double(max(limit.burst, 1))
    tokens = burst
    last = .now
  }

  /// Takes one token, sleeping until one is due.
  func acquire() async throws {
    let now = ContinuousClock.now
    tokens = min(burst, tokens + (now - last).seconds * rate)
    last = now
    tokens -= 1
    // A negative balance is a reservation: this caller owns the next token and sleeps until then,
    // so later callers queue behind it without a lock.
    if tokens < 0 { try await Task.sleep(for: .seconds(-tokens / rate)) }
  }
}
