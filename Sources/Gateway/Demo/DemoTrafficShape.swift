import Foundation
import KubeCore

/// How much traffic the demo sends when: a rate that swings smoothly between `minimumRate` and
/// `maximumRate` requests per second along a sine of `period`, starting half-way up, plus a burst
/// of `burstSize` requests at once every `burstInterval` (drawn afresh each time), the first
/// after `firstBurst`. Arrivals between bursts are a Poisson process at the current rate, so the
/// request panes look like real clients rather than a metronome.
public struct DemoTrafficShape: Sendable, Hashable {
  public var minimumRate: Double
  public var maximumRate: Double
  public var period: Duration
  public var burstSize: Int
  public var burstInterval: ClosedRange<Duration>
  public var firstBurst: Duration

  /// 2 to 8 requests a second over five minutes, 30 at once about every minute.
  public static let standard = DemoTrafficShape(
    minimumRate: 2, maximumRate: 8, period: .seconds(300), burstSize: 30,
    burstInterval: .seconds(45) ... .seconds(75), firstBurst: .seconds(20))

  public init(
    minimumRate: Double, maximumRate: Double, period: Duration, burstSize: Int, burstInterval: ClosedRange<Duration>,
    firstBurst: Duration
  ) {
    self.minimumRate = minimumRate
    self.maximumRate = maximumRate
    self.period = period
    self.burstSize = burstSize
    self.burstInterval = burstInterval
    self.firstBurst = firstBurst
  }

  /// Requests per second `elapsed` after the start.
  public func rate(at elapsed: Duration) -> Double {
    let middle = (minimumRate + maximumRate) / 2
    let amplitude = (maximumRate - minimumRate) / 2
    return middle + amplitude * sin(2 * Double.pi * elapsed.seconds / period.seconds)
  }

  /// The wait before the next request at `elapsed`: exponential with the current rate's mean.
  /// `uniform` is a draw in `0..<1`.
  public func gap(at elapsed: Duration, uniform: Double) -> Duration {
    let rate = max(rate(at: elapsed), 0.01)
    return .seconds(-log(1 - min(uniform, 0.999_999)) / rate)
  }

  /// The wait from one burst to the next, for a draw in `0..<1`.
  public func burstGap(uniform: Double) -> Duration {
    let low = burstInterval.lowerBound.seconds
    let high = burstInterval.upperBound.seconds
    return .seconds(low + (high - low) * uniform)
  }
}
