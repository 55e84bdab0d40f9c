/// Exponential backoff with jitter for reconnecting: each failure doubles the delay up to a cap,
/// and up to half again is added at random so that many clients do not reconnect in step.
public struct Backoff: Sendable {
  public var initial: Duration
  public var maximum: Duration
  private var failures = 0

  public init(initial: Duration = .milliseconds(200), maximum: Duration = .seconds(30)) {
    self.initial = initial
    self.maximum = maximum
  }

  /// The delay before the next attempt, counting one more failure.
  public mutating func next() -> Duration {
    let base = min(initial.seconds * Double(1 << min(failures, 30)), maximum.seconds)
    failures += 1
    return .seconds(base * Double.random(in: 1...1.5))
  }

  /// Forgets the failures after a success.
  public mutating func reset() { failures = 0 }
}
