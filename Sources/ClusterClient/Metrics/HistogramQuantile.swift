/// Quantiles of classic histograms computed exactly as PromQL's `histogram_quantile` does, so the
/// console's p50/p99 match a Grafana panel over the same buckets.
public enum HistogramQuantile {
  /// The `q`-quantile of `buckets` (any order): linear interpolation inside the bucket that holds
  /// the rank, with the lowest bucket starting at 0 when its bound is positive.
  ///
  /// As in PromQL: q < 0 gives -Inf and q > 1 gives +Inf; NaN without a `+Inf` bucket, with fewer
  /// than two buckets or with no observations; a rank in the `+Inf` bucket gives the highest
  /// finite bound; buckets with the same bound are added up and counts that fall (which a
  /// scrape racing an update can produce) are raised to keep the buckets monotonic.
  public static func quantile(_ q: Double, buckets: [HistogramBucket]) -> Double {
    if q.isNaN { return .nan }
    if q < 0 { return -.infinity }
    if q > 1 { return .infinity }
    let sorted = coalesced(buckets.sorted { $0.upperBound < $1.upperBound })
    guard let last = sorted.last, last.upperBound == .infinity, sorted.count >= 2 else { return .nan }
    let observations = last.cumulativeCount
    guard observations != 0 else { return .nan }
    var rank = q * observations
    let index = sorted.dropLast().firstIndex { $0.cumulativeCount >= rank } ?? sorted.count - 1
    if index == sorted.count - 1 { return sorted[sorted.count - 2].upperBound }
    if index == 0, sorted[0].upperBound <= 0 { return sorted[0].upperBound }
    var bucketStart = 0.0
    var count = sorted[index].cumulativeCount
    if index > 0 {
      bucketStart = sorted[index - 1].upperBound
      count -= sorted[index - 1].cumulativeCount
      rank -= sorted[index - 1].cumulativeCount
    }
    return bucketStart + (sorted[index].upperBound - bucketStart) * (rank / count)
  }

  /// Adds up buckets that share a bound, then raises any count below an earlier one.
  private static func coalesced(_ sorted: [HistogramBucket]) -> [HistogramBucket] {
    var result: [HistogramBucket] = []
    result.reserveCapacity(sorted.count)
    for bucket in sorted {
      if let last = result.last, last.upperBound == bucket.upperBound {
        result[result.count - 1].cumulativeCount += bucket.cumulativeCount
      } else {
        result.append(bucket)
      }
    }
    var highest = -Double.infinity
    for index in result.indices {
      if result[index].cumulativeCount > highest {
        highest = result[index].cumulativeCount
      } else if result[index].cumulativeCount < highest {
        result[index].cumulativeCount = highest
      }
    }
    return result
  }
}
