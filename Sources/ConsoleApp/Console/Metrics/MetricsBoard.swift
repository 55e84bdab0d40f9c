import ClusterClient

/// Everything the console knows about metrics, as a value the reducer owns: fed one update at a
/// time by `ingest`, read by the metrics pane and by the resource list's tokens/s and GPU %
/// columns. Rates come from counter deltas between reads (resets counted as PromQL does),
/// quantiles from the growth of histogram buckets over `rateWindow`, and each series keeps a
/// bounded history for its sparkline.
struct MetricsBoard: Sendable {
  /// How many past values each series keeps for its sparkline.
  var historyLength: Int
  /// The window rates and quantiles are taken over, in milliseconds.
  var rateWindowMilliseconds: Int64
  /// The newest time the board has heard of (a read or `advance(to:)`), in Unix milliseconds;
  /// ages on screen are measured against it, so rendering needs no clock.
  private(set) var nowMilliseconds: Int64 = 0
  /// Every source, in the order first named.
  private(set) var sources: [MetricsSourceState] = []

  /// A board expecting `sources` (so the pane can say whom it waits for before anything came).
  init(sources: [MetricsSource] = [], historyLength: Int = 120, rateWindow: Duration = .seconds(10)) {
    self.historyLength = historyLength
    rateWindowMilliseconds =
      Int64(rateWindow.components.seconds * 1000)
      + rateWindow.components.attoseconds / 1_000_000_000_000_000
    self.sources = sources.map(MetricsSourceState.init(source:))
  }

  /// Takes in one update of the feed.
  mutating func ingest(_ update: MetricsUpdate) {
    let position = position(of: update.source)
    let timestamp = update.timestampMilliseconds
    nowMilliseconds = max(nowMilliseconds, timestamp)
    if let url = update.resolvedURL { sources[position].resolvedURL = url }
    switch update.payload {
    case .families(let families):
      apply(MetricsReading(families: families), to: position, at: timestamp)
    case .queries(let results, let profiles, let error):
      apply(MetricsReading(queryResults: results, profiles: profiles), to: position, at: timestamp)
      sources[position].error = error
    case .failed(let reason): sources[position].fail(reason, at: timestamp)
    case .waiting(let reason): sources[position].wait(reason, at: timestamp)
    }
  }

  /// Takes in one scrape's families from `source`.
  mutating func ingest(families: [MetricFamily], from source: MetricsSource, at timestampMilliseconds: Int64) {
    ingest(MetricsUpdate(source: source, timestampMilliseconds: timestampMilliseconds, payload: .families(families)))
  }

  /// Takes in a round of Prometheus query results (by `MetricsQuery.id`) from `source`.
  mutating func ingest(
    queryResults: [String: [PrometheusInstantSample]], profiles: Set<MetricsProfile>, from source: MetricsSource,
    at timestampMilliseconds: Int64
  ) {
    ingest(
      MetricsUpdate(
        source: source, timestampMilliseconds: timestampMilliseconds,
        payload: .queries(queryResults, profiles: profiles, error: nil)))
  }

  /// Moves the board's clock forward (on the app's tick), so a source that stopped answering
  /// shows as stale even while its reads hang.
  mutating func advance(toMilliseconds now: Int64) {
    nowMilliseconds = max(nowMilliseconds, now)
  }

  /// Whether any source has answered with metrics yet.
  var hasData: Bool { sources.contains { $0.lastSuccessMilliseconds != nil } }

  /// Seconds since `source` last answered with metrics, by the board's clock; nil if never.
  func age(of source: MetricsSourceState) -> Int? {
    source.lastSuccessMilliseconds.map { Int((nowMilliseconds - $0) / 1000) }
  }

  private mutating func apply(_ reading: MetricsReading, to position: Int, at timestamp: Int64) {
    sources[position].apply(
      reading, at: timestamp, window: rateWindowMilliseconds, historyLength: historyLength)
  }

  private mutating func position(of source: MetricsSource) -> Int {
    if let position = sources.firstIndex(where: { $0.source == source }) { return position }
    sources.append(MetricsSourceState(source: source))
    return sources.count - 1
  }
}
