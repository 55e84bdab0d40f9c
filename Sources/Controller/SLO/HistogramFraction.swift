import ClusterClient

/// What share of a histogram's observations were above a bound, interpolating linearly inside the
/// bucket the bound falls in, as PromQL's `histogram_fraction` does for classic buckets.
enum HistogramFraction {
  /// The fraction of observations above `bound` among `buckets` (upper bound → cumulative
  /// count, `+Inf` included), and the total; nil without observations or a `+Inf` bucket.
  static func above(_ bound: Double, in buckets: [Double: Double]) -> (fraction: Double, total: Double)? {
    guard let total = buckets[.infinity], total > 0 else { return nil }
    let sorted = buckets.sorted { $0.key < $1.key }
    var lowerBound = 0.0
    var lowerCount = 0.0
    for (upper, count) in sorted {
      if bound < upper {
        guard upper.isFinite else { break }
        let share = upper > lowerBound ? (bound - lowerBound) / (upper - lowerBound) : 1
        let atOrBelow = lowerCount + (count - lowerCount) * max(0, min(1, share))
        return (max(0, total - atOrBelow) / total, total)
      }
      lowerBound = upper
      lowerCount = count
    }
    // Beyond the highest finite bucket nothing can be told apart: count what lies above it.
    return (max(0, total - lowerCount) / total, total)
  }

  /// The `q`-quantile of `buckets`, as `histogram_quantile` computes it; nil without observations.
  static func quantile(_ q: Double, of buckets: [Double: Double]) -> Double? {
    let value = HistogramQuantile.quantile(
      q, buckets: buckets.map { HistogramBucket(upperBound: $0.key, cumulativeCount: $0.value) })
    return value.isNaN ? nil : value
  }
}
