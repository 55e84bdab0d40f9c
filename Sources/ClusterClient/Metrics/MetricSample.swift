/// One sample line of an exposition: a series name, its labels, a value and an optional timestamp.
public struct MetricSample: Sendable, Hashable {
  /// The series name as written, including a `_bucket`, `_sum` or `_count` suffix.
  public var name: String
  /// The labels in exposition order.
  public var labels: [MetricLabel]
  /// The value; NaN and the infinities are ordinary values here.
  public var value: Double
  /// Milliseconds since the Unix epoch, when the exposition gave one.
  public var timestampMilliseconds: Int64?

  /// A sample.
  public init(name: String, labels: [MetricLabel] = [], value: Double, timestampMilliseconds: Int64? = nil) {
    self.name = name
    self.labels = labels
    self.value = value
    self.timestampMilliseconds = timestampMilliseconds
  }

  /// The value of the label `name`, or nil when the sample has no such label.
  public func label(_ name: String) -> String? {
    labels.first { $0.name == name }?.value
  }

  /// Whether every given label is present with the given value.
  public func matches(_ selector: [String: String]) -> Bool {
    selector.allSatisfy { label($0.key) == $0.value }
  }

  /// The samples are equal, counting two NaN values as equal, because a scrape that reports NaN
  /// twice reports the same thing twice.
  public static func == (lhs: MetricSample, rhs: MetricSample) -> Bool {
    lhs.name == rhs.name && lhs.labels == rhs.labels && lhs.timestampMilliseconds == rhs.timestampMilliseconds
      && (lhs.value == rhs.value || (lhs.value.isNaN && rhs.value.isNaN))
  }

  /// Hashes consistently with `==`, where all NaN values are one value.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(name)
    hasher.combine(labels)
    hasher.combine(value.isNaN ? Double.nan.bitPattern : value.bitPattern)
    hasher.combine(timestampMilliseconds)
  }
}
