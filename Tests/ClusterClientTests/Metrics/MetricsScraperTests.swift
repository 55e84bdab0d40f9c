import ClusterClient
import Synchronization
import Testing

@Suite("MetricsScraper: scrapes on a schedule, failures as values")
struct MetricsScraperTests {
  @Test("scrapes at the interval, timestamps each scrape and keeps going after failures")
  func schedule() async throws {
    let calls = Mutex(0)
    let ticks = Mutex<Int64>(1_000)
    let scraper = MetricsScraper(
      interval: .milliseconds(20),
      now: {
        ticks.withLock {
          $0 += 20; return $0
        }
      }
    ) {
      () async throws(ScrapeError) -> [UInt8] in
      let call = calls.withLock {
        $0 += 1; return $0
      }
      switch call {
      case 2: throw .httpStatus(503)
      case 3: return Array("broken{ 1\n".utf8)
      default: return Array("tokens_total \(call * 10)\n".utf8)
      }
    }
    let clock = ContinuousClock()
    let start = clock.now
    var scrapes: [Scrape] = []
    for await scrape in scraper.scrapes() {
      scrapes.append(scrape)
      if scrapes.count == 5 { break }
    }
    #expect(clock.now - start >= .milliseconds(80))
    #expect(scrapes.map(\.timestampMilliseconds) == [1_020, 1_040, 1_060, 1_080, 1_100])
    #expect(scrapes[0].family("tokens_total")?.samples.first?.value == 10)
    #expect(scrapes[1].result.failure == .httpStatus(503))
    guard case .exposition(let error) = scrapes[2].result.failure else {
      Issue.record("expected an exposition error, got \(scrapes[2].result)")
      return
    }
    #expect(error.line == 1)
    #expect(scrapes[4].family("tokens_total")?.samples.first?.value == 50)
    let points = scrapes.compactMap { scrape in
      scrape.family("tokens_total")?.samples.first.map {
        MetricPoint(timestampMilliseconds: scrape.timestampMilliseconds, value: $0.value)
      }
    }
    #expect(CounterRate.perSecond(points) == 40 / 0.08)
  }

  @Test("stops when the reading task is cancelled")
  func cancellation() async {
    let scraper = MetricsScraper(interval: .seconds(3600)) { () async throws(ScrapeError) -> [UInt8] in [] }
    let task = Task {
      var count = 0
      for await _ in scraper.scrapes() { count += 1 }
      return count
    }
    try? await Task.sleep(for: .milliseconds(50))
    task.cancel()
    #expect(await task.value == 1)
  }

  @Test("reports an unreachable endpoint as a transport failure")
  func unreachable() async {
    let scrape = await MetricsScraper(url: "http://127.0.0.1:1/metrics", interval: .seconds(1), timeout: .seconds(1))
      .scrapeOnce()
    guard case .transport = scrape.result.failure else {
      Issue.record("expected a transport failure, got \(scrape.result)")
      return
    }
  }
}

extension Result {
  /// The error of a failure, or nil.
  var failure: Failure? {
    if case .failure(let error) = self { return error }
    return nil
  }
}
