import ClusterClient
import Testing

@Suite("HistogramQuantile: PromQL histogram_quantile")
struct HistogramQuantileTests {
  static func buckets(_ pairs: [(Double, Double)]) -> [HistogramBucket] {
    pairs.map { HistogramBucket(upperBound: $0.0, cumulativeCount: $0.1) }
  }

  let latency = buckets([(0.1, 10), (0.5, 60), (1, 90), (.infinity, 100)])

  @Test("interpolates linearly inside the bucket that holds the rank")
  func interpolates() {
    #expect(HistogramQuantile.quantile(0.5, buckets: latency) == 0.1 + 0.4 * (40.0 / 50.0))
    #expect(HistogramQuantile.quantile(0.9, buckets: latency) == 1)
    #expect(HistogramQuantile.quantile(0, buckets: latency) == 0)
  }

  @Test("starts the lowest bucket at zero when its bound is positive")
  func lowestBucket() {
    #expect(HistogramQuantile.quantile(0.05, buckets: latency) == 0.05)
  }

  @Test("returns the lowest bound when it is not positive and holds the rank")
  func negativeLowest() {
    let buckets = Self.buckets([(-1, 5), (0, 10), (.infinity, 10)])
    #expect(HistogramQuantile.quantile(0.2, buckets: buckets) == -1)
  }

  @Test("answers the highest finite bound for a rank in the +Inf bucket")
  func infBucket() {
    #expect(HistogramQuantile.quantile(0.95, buckets: latency) == 1)
    #expect(HistogramQuantile.quantile(1, buckets: latency) == 1)
  }

  @Test("NaN without a +Inf bucket, with one bucket, with no observations, for q = NaN")
  func notANumber() {
    #expect(HistogramQuantile.quantile(0.5, buckets: Self.buckets([(0.1, 1), (1, 2)])).isNaN)
    #expect(HistogramQuantile.quantile(0.5, buckets: Self.buckets([(.infinity, 5)])).isNaN)
    #expect(HistogramQuantile.quantile(0.5, buckets: Self.buckets([(1, 0), (.infinity, 0)])).isNaN)
    #expect(HistogramQuantile.quantile(.nan, buckets: latency).isNaN)
    #expect(HistogramQuantile.quantile(0.5, buckets: []).isNaN)
  }

  @Test("q outside 0...1 gives the infinities")
  func outOfRange() {
    #expect(HistogramQuantile.quantile(-0.1, buckets: latency) == -.infinity)
    #expect(HistogramQuantile.quantile(1.1, buckets: latency) == .infinity)
  }

  @Test("sorts buckets, adds up equal bounds and repairs falling counts")
  func repairs() {
    let shuffled = Self.buckets([(.infinity, 100), (1, 90), (0.1, 10), (0.5, 60)])
    #expect(HistogramQuantile.quantile(0.5, buckets: shuffled) == HistogramQuantile.quantile(0.5, buckets: latency))
    let split = Self.buckets([(0.1, 4), (0.1, 6), (0.5, 60), (1, 90), (.infinity, 100)])
    #expect(HistogramQuantile.quantile(0.5, buckets: split) == HistogramQuantile.quantile(0.5, buckets: latency))
    // 0.5 reported 55 after 1.0's 50: the monotonicity fix raises 1.0 to 55.
    let falling = Self.buckets([(0.1, 10), (0.5, 55), (1, 50), (.infinity, 100)])
    #expect(HistogramQuantile.quantile(0.5, buckets: falling) == 0.1 + 0.4 * (40.0 / 45.0))
  }
}
