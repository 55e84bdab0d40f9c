/// One pool's figures over a step, from the gateway's counts of the requests it served: the
/// error rate (5xx, in percent), the p99 request duration and the p99 time to first token (in
/// milliseconds). A figure is nil when the pool served nothing it could be read from.
struct PoolFigures: Sendable, Hashable {
  var requests: Int64
  var errorRatePercent: Double?
  var latencyP99Millis: Double?
  var timeToFirstTokenP99Millis: Double?

  init(
    requests: Int64, errorRatePercent: Double? = nil, latencyP99Millis: Double? = nil,
    timeToFirstTokenP99Millis: Double? = nil
  ) {
    self.requests = requests
    self.errorRatePercent = errorRatePercent
    self.latencyP99Millis = latencyP99Millis
    self.timeToFirstTokenP99Millis = timeToFirstTokenP99Millis
  }

  /// The figures of `counts`.
  init(_ counts: SignalCounts) {
    requests = Int64(counts.requests.rounded())
    errorRatePercent = counts.requests > 0 ? counts.serverErrors / counts.requests * 100 : nil
    latencyP99Millis = HistogramFraction.quantile(0.99, of: counts.duration).map { $0 * 1000 }
    timeToFirstTokenP99Millis = HistogramFraction.quantile(0.99, of: counts.firstToken).map { $0 * 1000 }
  }
}
