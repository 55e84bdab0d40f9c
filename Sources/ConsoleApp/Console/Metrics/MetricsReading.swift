import ClusterClient

/// What one read of one source said, in the board's own terms: cumulative counters and
/// histograms (from a scrape) or ready-made rates and quantiles (from Prometheus), plus the
/// gauges of engine pods and GPUs. The profiles turn product names into this; the board never
/// sees a product's metric name.
struct MetricsReading: Sendable {
  /// One cumulative counter series.
  struct CounterSeries: Sendable {
    /// The normalized series it adds to.
    var key: MetricsKey
    /// The raw series' identity (name and labels), so a rate is taken per raw series and then
    /// summed, as `sum(rate(...))` does: summing counters first would turn one series' reset
    /// into a fall of the total.
    var series: String
    /// Its value now.
    var value: Double
  }

  /// One cumulative histogram series.
  struct HistogramSeries: Sendable {
    /// The normalized series it adds to.
    var key: MetricsKey
    /// The raw series' identity.
    var series: String
    /// Its cumulative buckets now.
    var buckets: [HistogramBucket]
  }

  /// The profiles the source exposed.
  var profiles: Set<MetricsProfile> = []
  /// Cumulative counters (scrape).
  var counters: [CounterSeries] = []
  /// Cumulative histograms (scrape).
  var histograms: [HistogramSeries] = []
  /// Rates already computed (Prometheus), per second.
  var rates: [MetricsKey: Double] = [:]
  /// Quantiles already computed (Prometheus), in seconds.
  var quantiles: [MetricsKey: LatencyQuantiles] = [:]
  /// Gauges of engine pods, by `namespace/pod`.
  var pods: [String: PodGauges] = [:]
  /// The GPUs seen.
  var gpus: [GPUMetricsRow] = []
  /// The models each route sent requests to.
  var routeModels: [String: Set<String>] = [:]

  /// The identity of a raw series: its name and its labels in order.
  static func seriesID(_ name: String, _ labels: [MetricLabel]) -> String {
    labels.reduce(into: name) { $0 += "|\($1.name)=\($1.value)" }
  }

  /// Adds a counter observation.
  mutating func addCounter(_ key: MetricsKey, _ sample: MetricSample) {
    counters.append(CounterSeries(key: key, series: Self.seriesID(sample.name, sample.labels), value: sample.value))
  }
}

/// The gauges vLLM reports for one engine pod.
struct PodGauges: Hashable, Sendable {
  /// The pod's namespace.
  var namespace: String
  /// The pod's name.
  var pod: String
  /// The model it serves (`model_name`).
  var model: String
  /// Requests in the running batch.
  var running: Double?
  /// Requests queued.
  var waiting: Double?
  /// KV-cache usage, 0...1.
  var kvCacheUsage: Double?
}
