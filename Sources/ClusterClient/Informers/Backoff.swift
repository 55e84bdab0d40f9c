/// A reconnect loop's backoff: counts failures and asks `ReconnectBackoff` for the wait, so that
/// each failure doubles it up to a cap, with jitter, and a success starts over.
public struct Backoff: Sendable {
  public var policy: ReconnectBackoff
  private var failures = 0

  public init(initial: Duration = .milliseconds(200), maximum: Duration = .seconds(30)) {
    policy = ReconnectBackoff(initial: initial, maximum: maximum)
  }

  /// The delay before the next attempt, counting one more failure.
  public mutating func next() -> Duration {
    defer { failures += 1 }
    return policy.delay(attempt: failures)
  }

  /// Forgets the failures after a success.
  public mutating func reset() { failures = 0 }
}
