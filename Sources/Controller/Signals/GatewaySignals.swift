import ClusterClient
import Foundation

/// The gateway's request metrics as the controller judges SLOs and canaries by them: scrapes
/// each `--metrics-source` endpoint every `period`, keeps the counts in a `SignalHistory`, and
/// answers for any window up to `retention`. With no endpoint there is nothing to judge by:
/// objectives read `Unknown` and analyses see no requests.
public actor GatewaySignals {
  private let scrapers: [MetricsScraper]
  private var history: SignalHistory
  /// How often the endpoints are scraped.
  public nonisolated let period: Duration
  /// Milliseconds since the epoch, now (injected for tests).
  private let now: @Sendable () -> Int64

  /// Signals read from `endpoints`, kept for `retention` (the longest SLO window allowed).
  public init(
    endpoints: [String], period: Duration = .seconds(15), retention: Duration = .seconds(90 * 86_400),
    now: @escaping @Sendable () -> Int64 = MetricsScraper.wallClock
  ) {
    self.period = period
    self.now = now
    scrapers = endpoints.map { MetricsScraper(url: $0, interval: period, timeout: .seconds(10)) }
    history = SignalHistory(retention: Int64(retention.components.seconds) * 1000)
  }

  /// Whether any endpoint is configured.
  public nonisolated var isConfigured: Bool { !scrapers.isEmpty }

  /// Scrapes every `period` until cancelled.
  public func run() async {
    guard isConfigured else { return }
    while !Task.isCancelled {
      await refresh()
      try? await Task.sleep(for: period)
    }
  }

  /// Scrapes every endpoint once and adds what they answered to the history; an endpoint that
  /// fails adds nothing, and its keys keep their counts.
  func refresh() async {
    var counts: [SignalKey: SignalCounts] = [:]
    for (source, scraper) in scrapers.enumerated() {
      let scrape = await scraper.scrapeOnce()
      guard case .success(let families) = scrape.result else { continue }
      counts.merge(GatewayExposition.counts(families, source: source)) { $0.adding($1) }
    }
    history.append(counts, at: now())
  }

  /// What was counted from `start` (milliseconds since the epoch) to the last scrape.
  func window(from start: Int64) -> SignalHistory.Window? {
    history.window(from: start, to: now())
  }

  /// What was counted over the last `seconds`, per window (for `SLOEvaluation`).
  func windows(_ seconds: [Int64]) -> [Int64: SignalHistory.Window] {
    let end = now()
    var result: [Int64: SignalHistory.Window] = [:]
    for length in seconds { result[length] = history.window(from: end - length * 1000, to: end) }
    return result
  }

  /// Milliseconds since the epoch, by the clock the history is kept in.
  nonisolated func currentTime() -> Int64 { now() }
}
