import Foundation
import KubeCore

/// How long to wait before reconnecting a followed log: exponential in the number of attempts
/// that brought nothing new, capped, and spread by jitter so that many streams cut by the same
/// server restart do not come back at the same instant.
public struct ReconnectBackoff: Sendable, Equatable {
  /// The wait before the first retry.
  public var initial: Duration
  /// The longest wait.
  public var maximum: Duration
  /// How much each fruitless attempt multiplies the wait.
  public var multiplier: Double
  /// The fraction of the wait that is random, 0...1: a wait `w` becomes `w * (1 - jitter + jitter * random)`.
  public var jitter: Double

  /// Waits from `initial` up to `maximum`, doubling, with half of each wait random.
  public init(
    initial: Duration = .milliseconds(250), maximum: Duration = .seconds(30), multiplier: Double = 2,
    jitter: Double = 0.5
  ) {
    self.initial = initial
    self.maximum = maximum
    self.multiplier = max(1, multiplier)
    self.jitter = min(max(jitter, 0), 1)
  }

  /// The wait before retry number `attempt` (0 for the first), given `random` in 0..<1.
  public func delay(attempt: Int, random: Double) -> Duration {
    let growth = Foundation.pow(multiplier, Double(min(max(attempt, 0), 64)))
    let base = min(initial.seconds * growth, maximum.seconds)
    let seconds = base * (1 - jitter + jitter * min(max(random, 0), 1))
    return .nanoseconds(Int64((seconds * 1e9).rounded()))
  }

  /// The wait before retry number `attempt`, with system randomness.
  public func delay(attempt: Int) -> Duration {
    delay(attempt: attempt, random: Double.random(in: 0..<1))
  }
}
