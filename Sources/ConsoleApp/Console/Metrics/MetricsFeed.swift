import ClusterClient
import EmbeddedCluster
import Foundation

/// The asynchronous side of the metrics: one task per source reads it on a schedule and hands
/// each result to `onUpdate` as a `MetricsUpdate` (the app forwards it to its reducer, which
/// calls `MetricsBoard.ingest`). `run` returns when its task is cancelled and leaves nothing
/// running behind it.
struct MetricsFeed: Sendable {
  /// What to read.
  var sources: [MetricsSource]
  /// Time between two scrapes of an exposition.
  var scrapeInterval: Duration = .seconds(1)
  /// Time between two rounds of Prometheus queries (Prometheus itself scrapes every 15 s or so;
  /// asking more often only repeats its answer).
  var queryInterval: Duration = .seconds(3)
  /// How sources are reached.
  var transport: MetricsTransport = .http()
  /// Wall-clock milliseconds, for the timestamps of Prometheus rounds and waiting updates.
  var now: @Sendable () -> Int64 = MetricsScraper.wallClock
  /// Receives every result, from the feed's tasks; it must not block.
  var onUpdate: @Sendable (MetricsUpdate) -> Void

  /// A feed of `sources`.
  init(sources: [MetricsSource], onUpdate: @escaping @Sendable (MetricsUpdate) -> Void) {
    self.sources = sources
    self.onUpdate = onUpdate
  }

  /// Reads every source until cancelled, timing the intervals with `clock`.
  func run<C: Clock<Duration>>(clock: C = ContinuousClock()) async {
    await withDiscardingTaskGroup { group in
      for source in sources {
        group.addTask { await self.run(source, clock: clock) }
      }
    }
  }

  private func run<C: Clock<Duration>>(_ source: MetricsSource, clock: C) async {
    let interval = source.kind == .prometheus ? queryInterval : scrapeInterval
    var url: String? = nil
    var deadline = clock.now
    while !Task.isCancelled {
      switch source.kind {
      case .prometheus: onUpdate(await PrometheusRound(transport: transport, now: now).read(source))
      case .exposition: _ = await scrape(source, url: source.url)
      case .endpointsFile(let directory, let key):
        url = url ?? EndpointsFile.url(key, in: directory)
        if let resolved = url {
          // A failed scrape may mean the service restarted on another port: read the file again.
          if !(await scrape(source, url: resolved)) { url = nil }
        } else {
          onUpdate(
            MetricsUpdate(
              source: source, timestampMilliseconds: now(),
              payload: .waiting("no '\(key)' in \(source.url) yet")))
        }
      }
      deadline = Self.nextTick(after: deadline, interval: interval, now: clock.now)
      do { try await clock.sleep(until: deadline, tolerance: nil) } catch { return }
    }
  }

  /// Scrapes once and reports it; whether it succeeded.
  private func scrape(_ source: MetricsSource, url: String) async -> Bool {
    let scrape = await transport.scraper(url).scrapeOnce()
    onUpdate(MetricsUpdate(source: source, scrape: scrape, resolvedURL: url == source.url ? nil : url))
    if case .failure = scrape.result { return false }
    return true
  }

  /// The first tick after `now` on the schedule that started at `deadline`; ticks missed while a
  /// read ran long are skipped, not made up.
  static func nextTick<I: InstantProtocol<Duration>>(after deadline: I, interval: Duration, now: I) -> I {
    var next = deadline.advanced(by: interval)
    while next <= now { next = next.advanced(by: interval) }
    return next
  }
}
