/// What `/api/v1/query` and `/api/v1/query_range` return, by the `resultType` Prometheus names.
public enum PrometheusQueryResult: Sendable, Hashable {
  /// An instant vector: one point per series, at the evaluation time.
  case vector([PrometheusInstantSample])
  /// A range vector or a range query: several points per series.
  case matrix([PrometheusSeries])
  /// A single number, such as `scalar(...)` or `time()`.
  case scalar(MetricPoint)
  /// A string literal.
  case string(timestampMilliseconds: Int64, value: String)

  /// The instant samples, or empty for another result type.
  public var vector: [PrometheusInstantSample] {
    if case .vector(let samples) = self { return samples }
    return []
  }

  /// The series, or empty for another result type.
  public var matrix: [PrometheusSeries] {
    if case .matrix(let series) = self { return series }
    return []
  }
}

/// One series of an instant vector.
public struct PrometheusInstantSample: Sendable, Hashable {
  /// The series labels, `__name__` included when the expression kept it.
  public var labels: [MetricLabel]
  /// The value at the evaluation time.
  public var point: MetricPoint

  /// A sample.
  public init(labels: [MetricLabel], point: MetricPoint) {
    self.labels = labels
    self.point = point
  }

  /// The value of label `name`, or nil.
  public func label(_ name: String) -> String? { labels.first { $0.name == name }?.value }
}

/// One series of a matrix, its points in time order.
public struct PrometheusSeries: Sendable, Hashable {
  /// The series labels.
  public var labels: [MetricLabel]
  /// The points, oldest first.
  public var points: [MetricPoint]

  /// A series.
  public init(labels: [MetricLabel], points: [MetricPoint]) {
    self.labels = labels
    self.points = points
  }

  /// The value of label `name`, or nil.
  public func label(_ name: String) -> String? { labels.first { $0.name == name }?.value }
}
