import ClusterTestSupport
import KubeCore
import Testing

@testable import Gateway

/// The demo's traffic over time: a smooth swing between its rates, Poisson arrivals that follow
/// it, and bursts at the drawn intervals.
@Suite struct DemoScheduleTests {
  let shape = DemoTrafficShape.standard

  @Test func rateSwingsSmoothlyBetweenItsBounds() {
    #expect(abs(shape.rate(at: .zero) - 5) < 1e-9)
    #expect(abs(shape.rate(at: .seconds(75)) - 8) < 1e-9)
    #expect(abs(shape.rate(at: .seconds(225)) - 2) < 1e-9)
    var previous = shape.rate(at: .zero)
    for second in 1...600 {
      let rate = shape.rate(at: .seconds(second))
      #expect(rate >= 2 - 1e-9 && rate <= 8 + 1e-9)
      // The steepest a 3-req/s sine over 300 s climbs is 3·2π/300 ≈ 0.063 req/s per second.
      #expect(abs(rate - previous) <= 0.063)
      previous = rate
    }
  }

  @Test(arguments: [(Duration.seconds(60), 90), (.seconds(210), 240), (.seconds(120), 150)])
  func arrivalsFollowTheRate(from start: Duration, to endSeconds: Int) {
    let end = Duration.seconds(endSeconds)
    var random = SeededRandom(seed: 7)
    var schedule = DemoSchedule(shape: shape)
    var singles = 0
    while true {
      let step = schedule.next(using: &random)
      if step.at >= end { break }
      if step.at >= start, step.count == 1 { singles += 1 }
    }
    let expected = (0..<30).map { shape.rate(at: start + .seconds($0) + .milliseconds(500)) }.reduce(0, +)
    #expect(abs(Double(singles) - expected) <= expected * 0.25, "\(singles) requests, expected about \(expected)")
  }

  @Test func burstsComeFirstAfterTwentySecondsThenEveryMinuteOrSo() {
    var random = SeededRandom(seed: 11)
    var schedule = DemoSchedule(shape: shape)
    var bursts: [Duration] = []
    var last = Duration.zero
    while bursts.count < 20 {
      let step = schedule.next(using: &random)
      #expect(step.at >= last)
      last = step.at
      if step.count > 1 {
        #expect(step.count == 30)
        bursts.append(step.at)
      }
    }
    #expect(bursts.first == .seconds(20))
    let gaps = zip(bursts.dropFirst(), bursts).map { $0 - $1 }
    #expect(gaps.allSatisfy { $0 >= .seconds(45) && $0 <= .seconds(75) })
    #expect(Set(gaps).count > 10, "the interval is drawn afresh each time")
  }

  @Test func skippingForgetsWhatFellDueWhileTheGatewayWasDown() {
    var random = SeededRandom(seed: 3)
    var schedule = DemoSchedule(shape: shape)
    _ = schedule.next(using: &random)
    schedule.skip(to: .seconds(100))
    var steps: [DemoSchedule.Step] = []
    for _ in 0..<400 { steps.append(schedule.next(using: &random)) }
    #expect(steps.allSatisfy { $0.at >= .seconds(100) })
    #expect(steps.filter { $0.count > 1 }.first?.at == .seconds(145))
  }

  @Test func sameSeedSameTraffic() {
    func steps(_ seed: UInt64) -> [DemoSchedule.Step] {
      var random = SeededRandom(seed: seed)
      var schedule = DemoSchedule(shape: shape)
      return (0..<100).map { _ in schedule.next(using: &random) }
    }
    #expect(steps(5) == steps(5))
    #expect(steps(5) != steps(6))
  }
}
