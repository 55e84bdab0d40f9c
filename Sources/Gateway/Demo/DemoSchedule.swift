/// When the demo's requests go out, as offsets from its start: one step at a time, each either a
/// single request or a burst. Pure: the randomness comes in, so a seeded generator replays it.
public struct DemoSchedule: Sendable {
  /// A moment to send `count` requests at once.
  public struct Step: Sendable, Hashable {
    public var at: Duration
    public var count: Int
  }

  public let shape: DemoTrafficShape
  private var nextRequest: Duration = .zero
  private var nextBurst: Duration

  public init(shape: DemoTrafficShape) {
    self.shape = shape
    nextBurst = shape.firstBurst
  }

  /// The next step, whichever of the next request and the next burst comes first.
  public mutating func next(using random: inout some RandomNumberGenerator) -> Step {
    if nextBurst <= nextRequest {
      let step = Step(at: nextBurst, count: shape.burstSize)
      nextBurst += shape.burstGap(uniform: Double.random(in: 0..<1, using: &random))
      return step
    }
    let step = Step(at: nextRequest, count: 1)
    nextRequest += shape.gap(at: nextRequest, uniform: Double.random(in: 0..<1, using: &random))
    return step
  }

  /// Forgets what fell due before `elapsed` (while the gateway was down), so that coming back
  /// does not fire the missed requests all at once.
  public mutating func skip(to elapsed: Duration) {
    nextRequest = max(nextRequest, elapsed)
    if nextBurst < elapsed { nextBurst = elapsed + shape.burstInterval.lowerBound }
  }
}
