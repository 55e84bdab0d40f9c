/// One series of a histogram family: its labels other than `le`, its buckets, sum and count.
public struct Histogram: Sendable, Hashable {
  /// The labels shared by the series' `_bucket`, `_sum` and `_count` samples, without `le`.
  public var labels: [MetricLabel]
  /// The cumulative buckets in exposition order.
  public var buckets: [HistogramBucket]
  /// The `_sum` sample's value, when the exposition had one.
  public var sum: Double?
  /// The `_count` sample's value, when the exposition had one.
  public var count: Double?

  /// A histogram series.
  public init(labels: [MetricLabel], buckets: [HistogramBucket] = [], sum: Double? = nil, count: Double? = nil) {
    self.labels = labels
    self.buckets = buckets
    self.sum = sum
    self.count = count
  }

  /// The `q`-quantile as PromQL's `histogram_quantile` computes it.
  public func quantile(_ q: Double) -> Double {
    HistogramQuantile.quantile(q, buckets: buckets)
  }

  /// The value of the label `name`, or nil.
  public func label(_ name: String) -> String? {
    labels.first { $0.name == name }?.value
  }
}

extension MetricFamily {
  /// The family's series grouped as histograms, in order of first appearance; empty unless the
  /// family is a histogram. A bucket whose `le` is not a number is left out, as Prometheus does.
  public var histograms: [Histogram] {
    guard type == .histogram else { return [] }
    var result: [Histogram] = []
    var positions: [[MetricLabel]: Int] = [:]
    for sample in samples {
      let isBucket = sample.name == name + "_bucket"
      let labels = isBucket ? sample.labels.filter { $0.name != "le" } : sample.labels
      let position =
        positions[labels]
        ?? {
          result.append(Histogram(labels: labels))
          positions[labels] = result.count - 1
          return result.count - 1
        }()
      if isBucket {
        guard let bound = sample.label("le").flatMap(Self.number) else { continue }
        result[position].buckets.append(HistogramBucket(upperBound: bound, cumulativeCount: sample.value))
      } else if sample.name == name + "_sum" {
        result[position].sum = sample.value
      } else if sample.name == name + "_count" {
        result[position].count = sample.value
      }
    }
    return result
  }

  private static func number(_ text: String) -> Double? {
    var text = text
    return text.withUTF8 { ExpositionNumber.double($0) }
  }
}
