import ClusterClient
import Testing

@Suite("CounterRate: rates with counter resets")
struct CounterRateTests {
  static func points(_ pairs: [(Int64, Double)]) -> [MetricPoint] {
    pairs.map { MetricPoint(timestampMilliseconds: $0.0, value: $0.1) }
  }

  @Test("increase and per-second rate between scrapes")
  func simple() {
    let points = Self.points([(0, 100), (10_000, 150), (20_000, 300)])
    #expect(CounterRate.increase(points) == 200)
    #expect(CounterRate.perSecond(points) == 10)
    #expect(CounterRate.resets(points) == 0)
  }

  @Test("a drop counts as a reset from zero, as PromQL does")
  func reset() {
    let points = Self.points([(0, 100), (10_000, 150), (20_000, 20), (30_000, 50)])
    // 50 before the reset, 20 from zero, 30 after.
    #expect(CounterRate.increase(points) == 100)
    #expect(CounterRate.resets(points) == 1)
    #expect(CounterRate.perSecond(points) == 100.0 / 30)
  }

  @Test("nothing from fewer than two points or no elapsed time")
  func tooFew() {
    #expect(CounterRate.increase(Self.points([(0, 1)])) == nil)
    #expect(CounterRate.perSecond(Self.points([(5, 1), (5, 2)])) == nil)
    #expect(CounterRate.extrapolatedRate([], windowStart: 0, windowEnd: 60_000) == nil)
  }

  @Test("extrapolates to the window edges like PromQL rate()")
  func extrapolates() {
    // Samples every 15 s inside a 60 s window, 5 s from each edge: extrapolated to the full 60 s.
    let points = Self.points([(5_000, 10), (20_000, 25), (35_000, 40), (50_000, 55)])
    #expect(CounterRate.extrapolatedIncrease(points, windowStart: 0, windowEnd: 55_000) == 45 * (55.0 / 45.0))
    // 10 s to the end is within 1.1 × the 15 s spacing too: the full 60 s, 1 per second.
    #expect(CounterRate.extrapolatedRate(points, windowStart: 0, windowEnd: 60_000) == 1)
  }

  @Test("never extrapolates back past the counter's zero point")
  func zeroPoint() {
    // At 1 per second the counter was 0 one second before the first sample, nearer than 10 s.
    let points = Self.points([(10_000, 1), (20_000, 11), (30_000, 21)])
    #expect(CounterRate.extrapolatedIncrease(points, windowStart: 0, windowEnd: 30_000) == 21)
  }

  @Test("extrapolates only half an interval when the series starts far inside the window")
  func farEdge() {
    let points = Self.points([(40_000, 100), (50_000, 110), (60_000, 120)])
    // The start is 40 s away (beyond 11 s): half an interval, 5 s; the end is exact.
    let increase = CounterRate.extrapolatedIncrease(points, windowStart: 0, windowEnd: 60_000)
    #expect(increase == 20 * (25.0 / 20.0))
  }
}
