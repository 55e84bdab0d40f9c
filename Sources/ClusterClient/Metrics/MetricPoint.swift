/// One value of a series at one time, as a scrape or a Prometheus range query gives it.
public struct MetricPoint: Sendable, Hashable {
  /// Milliseconds since the Unix epoch, the resolution Prometheus stores.
  public var timestampMilliseconds: Int64
  /// The value.
  public var value: Double

  /// A point.
  public init(timestampMilliseconds: Int64, value: Double) {
    self.timestampMilliseconds = timestampMilliseconds
    self.value = value
  }

  /// Points are equal when their times are and their values are, NaN counting as equal to NaN.
  public static func == (lhs: MetricPoint, rhs: MetricPoint) -> Bool {
    lhs.timestampMilliseconds == rhs.timestampMilliseconds
      && (lhs.value == rhs.value || (lhs.value.isNaN && rhs.value.isNaN))
  }

  /// Hashes consistently with `==`.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(timestampMilliseconds)
    hasher.combine(value.isNaN ? Double.nan.bitPattern : value.bitPattern)
  }
}
