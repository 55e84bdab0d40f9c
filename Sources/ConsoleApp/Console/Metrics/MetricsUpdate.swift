import ClusterClient

/// One result of the metrics feed, delivered to the app's reducer and ingested by
/// `MetricsBoard.ingest(_:)`: a scrape's families, a round of Prometheus queries, or why there
/// is nothing this time.
struct MetricsUpdate: Sendable {
  /// What one round of reading a source produced.
  enum Payload: Sendable {
    /// The families of a successful scrape.
    case families([MetricFamily])
    /// The instant vectors of a round of PromQL queries, by query id; `error` holds the first
    /// failure of queries that did not answer (the rest still count).
    case queries([String: [PrometheusInstantSample]], profiles: Set<MetricsProfile>, error: String?)
    /// The source could not be read this time (the reason is shown in the pane).
    case failed(String)
    /// The source has no URL yet (an `endpoints.json` entry not yet published).
    case waiting(String)
  }

  /// Where it came from.
  var source: MetricsSource
  /// When the read started, in milliseconds since the Unix epoch.
  var timestampMilliseconds: Int64
  /// What it produced.
  var payload: Payload
  /// The URL actually read, when it differs from `source.url` (an `endpoints.json` entry).
  var resolvedURL: String?

  /// An update.
  init(source: MetricsSource, timestampMilliseconds: Int64, payload: Payload, resolvedURL: String? = nil) {
    self.source = source
    self.timestampMilliseconds = timestampMilliseconds
    self.payload = payload
    self.resolvedURL = resolvedURL
  }

  /// The update for one scrape: its families or its error.
  init(source: MetricsSource, scrape: Scrape, resolvedURL: String? = nil) {
    let payload: Payload =
      switch scrape.result {
      case .success(let families): .families(families)
      case .failure(let error): .failed(error.description)
      }
    self.init(
      source: source, timestampMilliseconds: scrape.timestampMilliseconds, payload: payload, resolvedURL: resolvedURL)
  }
}
