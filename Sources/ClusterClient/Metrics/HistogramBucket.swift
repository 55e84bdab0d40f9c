/// One cumulative bucket of a classic histogram: how many observations were at most `upperBound`
/// (the `le` label).
public struct HistogramBucket: Sendable, Hashable {
  /// The bucket's inclusive upper bound; the last bucket's is `+Inf`.
  public var upperBound: Double
  /// Observations at or below the bound, counted since the histogram started.
  public var cumulativeCount: Double

  /// A bucket.
  public init(upperBound: Double, cumulativeCount: Double) {
    self.upperBound = upperBound
    self.cumulativeCount = cumulativeCount
  }
}
