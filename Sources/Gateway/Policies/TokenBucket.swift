import Foundation

/// A token bucket refilled continuously at `perMinute / 60` per second up to `capacity`. Pure
/// value; the rate limiter keeps one per route, key and limit.
struct TokenBucket: Sendable {
  let capacity: Double
  let perSecond: Double
  private(set) var level: Double
  private(set) var updated: ContinuousClock.Instant

  init(perMinute: Int, burst: Int?, now: ContinuousClock.Instant) {
    perSecond = Double(perMinute) / 60
    capacity = Double(max(1, burst ?? perMinute))
    level = capacity
    updated = now
  }

  mutating func refill(_ now: ContinuousClock.Instant) {
    let elapsed = now - updated
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    level = min(capacity, level + seconds * perSecond)
    updated = now
  }

  /// Takes `amount` if the bucket has at least one unit (a request may overdraw its tokens, as
  /// the tokens of a completion are only known once it is done); else how long until it has.
  mutating func take(_ amount: Double, now: ContinuousClock.Instant) -> Duration? {
    refill(now)
    guard level >= 1 else { return .seconds((1 - level) / perSecond) }
    level -= amount
    return nil
  }

  /// Charges `amount` after the fact (the completion's tokens).
  mutating func charge(_ amount: Double, now: ContinuousClock.Instant) {
    refill(now)
    level -= amount
  }
}
