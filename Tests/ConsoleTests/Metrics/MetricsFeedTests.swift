import ClusterClient
import EmbeddedCluster
import Foundation
import Synchronization
import Testing

@testable import ConsoleApp

@Suite("MetricsFeed: reads every source on a schedule and stops when cancelled")
struct MetricsFeedTests {
  /// Runs `feed` until `enough` says the updates so far suffice, then cancels it and returns
  /// them; the feed's `run` must return for this to return.
  func collect(
    _ feed: MetricsFeed, interval: Duration = .milliseconds(20),
    until enough: @escaping @Sendable ([MetricsUpdate]) -> Bool
  ) async -> [MetricsUpdate] {
    let (stream, continuation) = AsyncStream<MetricsUpdate>.makeStream()
    var feed = feed
    feed.scrapeInterval = interval
    feed.queryInterval = interval
    feed.onUpdate = { continuation.yield($0) }
    let configured = feed
    return await withTaskGroup(of: Void.self) { group in
      group.addTask { await configured.run() }
      var updates: [MetricsUpdate] = []
      for await update in stream {
        updates.append(update)
        if enough(updates) { break }
      }
      group.cancelAll()
      await group.waitForAll()
      return updates
    }
  }

  /// A transport whose scrapes answer `body(call)` and whose Prometheus answers nothing.
  static func transport(_ body: @escaping @Sendable (Int) throws(ScrapeError) -> String) -> MetricsTransport {
    let calls = Mutex(0)
    return MetricsTransport(
      scraper: { _ in
        MetricsScraper(interval: .seconds(1)) { () throws(ScrapeError) -> [UInt8] in
          let call = calls.withLock {
            $0 += 1
            return $0
          }
          return Array(try body(call).utf8)
        }
      },
      query: { _, _ async throws(PrometheusAPIError) -> PrometheusQueryResult in .vector([]) })
  }

  @Test("scrapes each source repeatedly, reports failures as updates, and returns on cancel")
  func scrapesAndStops() async throws {
    var feed = MetricsFeed(sources: [MetricsFixtures.source]) { _ in }
    feed.transport = Self.transport { call throws(ScrapeError) in
      if call == 2 { throw .httpStatus(503) }
      return MetricsFixtures.gateway(inputTokens: Double(call) * 100, outputTokens: 0, requests: Double(call))
    }
    let updates = await collect(feed) { $0.count >= 3 }
    var board = MetricsBoard()
    for update in updates { board.ingest(update) }
    guard case .failed(let reason) = updates[1].payload else {
      Issue.record("expected the second scrape to fail, got \(updates[1].payload)")
      return
    }
    #expect(reason == "scrape failed: HTTP 503")
    #expect(board.modelRows.map(\.model) == ["llama-3-8b"])
    #expect(board.sources.first?.error == nil)
    #expect(board.modelRows.first?.tokensInPerSecond.map { $0 > 0 } == true)
  }

  @Test("waits for an endpoints.json entry published late, then scrapes the URL it names")
  func endpointsPublishedLate() async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("metrics-feed-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let source = MetricsSource.endpointsFile(stateDirectory: directory)
    var feed = MetricsFeed(sources: [source]) { _ in }
    feed.transport = Self.transport { _ in MetricsFixtures.dcgm(node: "n1", gpu: 0, utilisation: 42) }
    let updates = await collect(feed) { updates in
      if updates.count == 2 { try? EndpointsFile.publish("metrics", url: "http://127.0.0.1:1/metrics", in: directory) }
      return updates.last.map { if case .families = $0.payload { true } else { false } } ?? false
    }
    guard case .waiting(let reason) = updates[0].payload else {
      Issue.record("expected to wait first, got \(updates[0].payload)")
      return
    }
    #expect(reason.contains("no 'metrics' in"))
    #expect(updates.last?.resolvedURL == "http://127.0.0.1:1/metrics")
    var board = MetricsBoard(sources: [source])
    for update in updates { board.ingest(update) }
    #expect(board.gpuUtilisation(node: "n1") == 42)
    #expect(board.sources.first?.resolvedURL == "http://127.0.0.1:1/metrics")
  }

  @Test("a Prometheus round asks which profiles exist, then runs only their queries")
  func prometheusRound() async throws {
    let asked = Mutex<[String]>([])
    let transport = MetricsTransport(
      scraper: { _ in MetricsScraper(interval: .seconds(1)) { () throws(ScrapeError) -> [UInt8] in [] } },
      query: { _, expression async throws(PrometheusAPIError) -> PrometheusQueryResult in
        asked.withLock { $0.append(expression) }
        let point = MetricPoint(timestampMilliseconds: 0, value: 77)
        if expression.hasPrefix("count by (__name__)") {
          return .vector([
            PrometheusInstantSample(labels: [MetricLabel("__name__", "DCGM_FI_DEV_GPU_UTIL")], point: point)
          ])
        }
        if expression == "DCGM_FI_DEV_POWER_USAGE" {
          throw .query(errorType: "bad_data", message: "boom", httpStatus: 400)
        }
        return .vector([
          PrometheusInstantSample(
            labels: [MetricLabel("__name__", expression), MetricLabel("Hostname", "n1"), MetricLabel("gpu", "0")],
            point: point)
        ])
      })
    let update = await PrometheusRound(transport: transport, now: { 1_000 }).read(.prometheus("http://prom:9090"))
    #expect(asked.withLock { $0.count } == 1 + MetricsQuery.dcgm.count)
    guard case .queries(_, let profiles, let error) = update.payload else {
      Issue.record("expected query results, got \(update.payload)")
      return
    }
    #expect(profiles == [.dcgm])
    #expect(error?.contains("boom") == true)
    var board = MetricsBoard()
    board.ingest(update)
    #expect(board.gpuUtilisation(node: "n1") == 77)
    #expect(board.gpuGroups.first?.gpus.first?.powerWatts == nil)
  }
}
