/// Quantiles from cumulative histogram buckets exactly as PromQL's `histogram_quantile` computes
/// them: linear interpolation inside the bucket that holds the rank, the lowest bucket starting at
/// 0, the `+Inf` bucket answered with the highest finite bound, non-monotonic counts repaired.
public enum HistogramQuantile {
  /// One cumulative bucket: observations less than or equal to `upperBound`.
  public struct Bucket: Sendable, Hashable {
    public var upperBound: Double
    public var count: Double

    public init(upperBound: Double, count: Double) {
      self.upperBound = upperBound
      self.count = count
    }
  }

  /// The `q` quantile (0...1) of the histogram `buckets`; NaN when it cannot be told.
  public static func quantile(_ q: Double, _ buckets: [Bucket]) -> Double {
    if q.isNaN { return .nan }
    if q < 0 { return -.infinity }
    if q > 1 { return .infinity }
    var sorted = coalesced(buckets.sorted { $0.upperBound < $1.upperBound })
    guard let last = sorted.last, last.upperBound == .infinity else { return .nan }
    makeMonotonic(&sorted)
    guard sorted.count >= 2 else { return .nan }
    let observations = sorted[sorted.count - 1].count
    guard observations > 0 else { return .nan }
    var rank = q * observations
    let found = sorted[..<(sorted.count - 1)].firstIndex { $0.count >= rank } ?? (sorted.count - 1)
    if found == sorted.count - 1 { return sorted[sorted.count - 2].upperBound }
    if found == 0, sorted[0].upperBound <= 0 { return sorted[0].upperBound }
    var start = 0.0
    var count = sorted[found].count
    if found > 0 {
      start = sorted[found - 1].upperBound
      count -= sorted[found - 1].count
      rank -= sorted[found - 1].count
    }
    return start + (sorted[found].upperBound - start) * (rank / count)
  }

  /// The buckets of the samples of one histogram series: `name_bucket` samples whose other labels
  /// equal `labels`, their `le` read as the bound.
  public static func buckets(of family: MetricFamily, matching labels: [String: String] = [:]) -> [Bucket] {
    family.samples.compactMap { sample in
      guard sample.name == family.name + "_bucket", let bound = sample[label: "le"].flatMap(Double.init) else {
        return nil
      }
      for (name, value) in labels where sample[label: name] != value { return nil }
      return Bucket(upperBound: bound, count: sample.value)
    }
  }

  /// Buckets with the same bound (from series that differ only in other labels) are summed.
  private static func coalesced(_ buckets: [Bucket]) -> [Bucket] {
    var result: [Bucket] = []
    for bucket in buckets {
      if let last = result.last, last.upperBound == bucket.upperBound {
        result[result.count - 1].count += bucket.count
      } else {
        result.append(bucket)
      }
    }
    return result
  }

  /// Counts can dip when buckets are scraped at slightly different moments; PromQL carries the
  /// highest count seen forward.
  private static func makeMonotonic(_ buckets: inout [Bucket]) {
    var highest = -Double.infinity
    for index in buckets.indices {
      if buckets[index].count > highest {
        highest = buckets[index].count
      } else {
        buckets[index].count = highest
      }
    }
  }
}
