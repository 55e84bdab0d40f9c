import KubeCore

/// Per-key exponential backoff for failed reconciles, as client-go's item exponential failure
/// rate limiter: 5 ms for the first failure, doubling each time, capped at 1000 s; a success
/// (`forget`) starts the key over.
public struct ItemBackoff<Key: Hashable & Sendable>: Sendable {
  public var base: Duration
  public var maximum: Duration
  private var failures: [Key: Int] = [:]

  public init(base: Duration = .milliseconds(5), maximum: Duration = .seconds(1000)) {
    self.base = base
    self.maximum = maximum
  }

  /// The delay for one more failure of `key`.
  public mutating func next(_ key: Key) -> Duration {
    let count = failures[key, default: 0]
    failures[key] = count + 1
    let delay = min(base.seconds * Double(1 << min(count, 40)), maximum.seconds)
    return .nanoseconds(Int64(delay * 1e9))
  }

  /// How many times `key` failed since it last succeeded.
  public func failureCount(_ key: Key) -> Int { failures[key, default: 0] }

  /// Forgets `key`'s failures after a success.
  public mutating func forget(_ key: Key) { failures[key] = nil }
}

/// The overall limit on retries across keys, a token bucket (client-go: 10 per second, burst
/// 100): each retry takes a token, and when none is left it is scheduled for when one will be.
public struct RetryBucket: Sendable {
  public var perSecond: Double
  public var burst: Int
  private var tokens: Double
  private var last: ContinuousClock.Instant?

  public init(perSecond: Double = 10, burst: Int = 100) {
    self.perSecond = perSecond
    self.burst = burst
    tokens = Double(burst)
  }

  /// The delay before the retry asked for `now` may run, reserving its token.
  public mutating func reserve(now: ContinuousClock.Instant) -> Duration {
    if let last {
      tokens = min(Double(burst), tokens + (now - last).seconds * perSecond)
    }
    last = now
    tokens -= 1
    return tokens >= 0 ? .zero : .nanoseconds(Int64(-tokens / perSecond * 1e9))
  }
}
