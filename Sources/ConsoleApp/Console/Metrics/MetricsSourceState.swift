import ClusterClient

/// What the board knows from one source: when it last answered and why not, and the series it
/// feeds. Each source keeps its own so that a source that vanishes takes only its rows with it.
struct MetricsSourceState: Sendable {
  /// The recent values of one normalized rate, for a number and a sparkline.
  struct RateSeries: Hashable, Sendable {
    /// The rate now; nil until two points of a counter are known.
    var current: Double?
    /// The rates after each read, oldest first, bounded.
    var history: [Double] = []
  }

  /// The source.
  var source: MetricsSource
  /// The URL last read, when it differs from the source's (an `endpoints.json` entry).
  var resolvedURL: String?
  /// When it was last tried, in Unix milliseconds.
  var lastAttemptMilliseconds: Int64?
  /// When it last answered with metrics.
  var lastSuccessMilliseconds: Int64?
  /// Why the last try failed; nil after a success.
  var error: String?
  /// Why there is no URL to read yet.
  var waiting: String?
  /// The profiles its last answer exposed.
  var profiles: Set<MetricsProfile> = []
  /// Normalized rates.
  var rates: [MetricsKey: RateSeries] = [:]
  /// Normalized latency quantiles.
  var quantiles: [MetricsKey: LatencyQuantiles] = [:]
  /// The p99 of each latency after each read that had observations, oldest first, bounded as
  /// rate histories are; a read whose window held none adds nothing rather than a false zero.
  var p99History: [MetricsKey: [Double]] = [:]
  /// Engine pod gauges, by `namespace/pod` (or model).
  var pods: [String: PodGauges] = [:]
  /// GPUs in the order read.
  var gpus: [GPUMetricsRow] = []
  /// Positions in `gpus` of the GPUs each `namespace/pod` holds, for the resource list's lookups.
  var gpusByPod: [String: [Int]] = [:]
  /// The models each route sent requests to.
  var routeModels: [String: Set<String>] = [:]
  private var counterPoints: [String: [MetricPoint]] = [:]
  private var histogramSnapshots: [String: [(timestamp: Int64, buckets: [HistogramBucket])]] = [:]

  /// A source not read yet.
  init(source: MetricsSource) {
    self.source = source
  }

  /// Takes in a successful read at `timestamp`: counters become rates over `window` (ms),
  /// histograms become quantiles over the buckets' growth in `window`, gauges are replaced.
  mutating func apply(_ reading: MetricsReading, at timestamp: Int64, window: Int64, historyLength: Int) {
    lastAttemptMilliseconds = timestamp
    lastSuccessMilliseconds = timestamp
    error = nil
    waiting = nil
    profiles = reading.profiles
    pods = reading.pods
    gpus = reading.gpus
    gpusByPod = Dictionary(grouping: gpus.indices.filter { !gpus[$0].pod.isEmpty }) {
      "\(gpus[$0].namespace)/\(gpus[$0].pod)"
    }
    routeModels = reading.routeModels
    updateRates(reading, at: timestamp, window: window, historyLength: historyLength)
    updateQuantiles(reading, at: timestamp, window: window)
    updateP99History(historyLength: historyLength)
  }

  private mutating func updateP99History(historyLength: Int) {
    var next: [MetricsKey: [Double]] = [:]
    for (key, quantiles) in self.quantiles {
      var history = p99History[key] ?? []
      if quantiles.p99.isFinite {
        history.append(quantiles.p99)
        if history.count > historyLength { history.removeFirst(history.count - historyLength) }
      }
      next[key] = history
    }
    p99History = next
  }

  private mutating func updateRates(_ reading: MetricsReading, at timestamp: Int64, window: Int64, historyLength: Int) {
    var now: [MetricsKey: Double?] = reading.rates.mapValues { $0 }
    var kept: [String: [MetricPoint]] = [:]
    for counter in reading.counters {
      var points = kept[counter.series] ?? counterPoints[counter.series] ?? []
      if points.last.map({ $0.timestampMilliseconds < timestamp }) ?? true {
        points.append(MetricPoint(timestampMilliseconds: timestamp, value: counter.value))
      }
      points = Self.trimmed(points, window: window) { $0.timestampMilliseconds }
      kept[counter.series] = points
      let rate = CounterRate.perSecond(points)
      now[counter.key] = Self.sum(now[counter.key] ?? nil, rate)
    }
    counterPoints = kept
    var next: [MetricsKey: RateSeries] = [:]
    for (key, rate) in now {
      var series = rates[key] ?? RateSeries()
      series.current = rate
      if let rate {
        series.history.append(rate)
        if series.history.count > historyLength { series.history.removeFirst(series.history.count - historyLength) }
      }
      next[key] = series
    }
    rates = next
  }

  private mutating func updateQuantiles(_ reading: MetricsReading, at timestamp: Int64, window: Int64) {
    var grown: [MetricsKey: [HistogramBucket]] = [:]
    var kept: [String: [(timestamp: Int64, buckets: [HistogramBucket])]] = [:]
    for histogram in reading.histograms {
      var snapshots = histogramSnapshots[histogram.series] ?? []
      snapshots.append((timestamp, histogram.buckets))
      snapshots = Self.trimmed(snapshots, window: window) { $0.timestamp }
      kept[histogram.series] = snapshots
      guard snapshots.count >= 2, let first = snapshots.first else {
        grown[histogram.key, default: []] += []
        continue
      }
      grown[histogram.key, default: []] += Self.growth(from: first.buckets, to: histogram.buckets)
    }
    histogramSnapshots = kept
    quantiles = reading.quantiles
    for (key, buckets) in grown {
      quantiles[key] = LatencyQuantiles(
        p50: HistogramQuantile.quantile(0.5, buckets: buckets), p95: HistogramQuantile.quantile(0.95, buckets: buckets),
        p99: HistogramQuantile.quantile(0.99, buckets: buckets))
    }
  }

  /// Records a read that gave no metrics; what was known stays, marked stale by its age.
  mutating func fail(_ reason: String, at timestamp: Int64) {
    lastAttemptMilliseconds = timestamp
    error = reason
  }

  /// Records that the source has no URL yet.
  mutating func wait(_ reason: String, at timestamp: Int64) {
    lastAttemptMilliseconds = timestamp
    waiting = reason
  }

  /// How much each bucket grew from `old` to `new`. Fewer observations than before means the
  /// process restarted: everything in `new` is then growth since the restart.
  static func growth(from old: [HistogramBucket], to new: [HistogramBucket]) -> [HistogramBucket] {
    let oldTotal = old.map(\.cumulativeCount).max() ?? 0
    let newTotal = new.map(\.cumulativeCount).max() ?? 0
    guard newTotal >= oldTotal, old.map(\.upperBound) == new.map(\.upperBound) else { return new }
    return zip(old, new).map {
      HistogramBucket(upperBound: $1.upperBound, cumulativeCount: $1.cumulativeCount - $0.cumulativeCount)
    }
  }

  /// The points inside `window` of the newest, keeping at least the newest two so a rate exists
  /// when reads are further apart than the window.
  static func trimmed<T>(_ points: [T], window: Int64, time: (T) -> Int64) -> [T] {
    guard let newest = points.last.map(time) else { return points }
    let inside = points.drop { time($0) < newest - window }
    return inside.count >= 2 ? Array(inside) : Array(points.suffix(2))
  }

  private static func sum(_ left: Double?, _ right: Double?) -> Double? {
    guard let left else { return right }
    guard let right else { return left }
    return left + right
  }
}
