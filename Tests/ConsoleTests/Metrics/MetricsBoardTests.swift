import ClusterClient
import Testing

@testable import ConsoleApp

@Suite("MetricsBoard: rates, quantiles and rows from scrapes")
struct MetricsBoardTests {
  @Test("counter rates come from the growth between two scrapes")
  func ratesAcrossTwoScrapes() throws {
    var board = MetricsBoard()
    try board.scrape(
      MetricsFixtures.gateway(inputTokens: 1000, outputTokens: 500, requests: 10, errors: 1, cacheHits: 2), atSecond: 0)
    #expect(board.modelRows.first?.tokensInPerSecond == nil)
    try board.scrape(
      MetricsFixtures.gateway(inputTokens: 3000, outputTokens: 900, requests: 30, errors: 3, cacheHits: 7), atSecond: 2)
    let model = try #require(board.modelRows.first)
    #expect(model.model == "llama-3-8b")
    #expect(model.tokensInPerSecond == 1000)
    #expect(model.tokensOutPerSecond == 200)
    #expect(model.requestsPerSecond == 10)
    #expect(model.errorsPerSecond == 1)
    #expect(model.tokensInHistory == [1000])
    #expect(board.tokensPerSecond(model: "llama-3-8b") == 1200)
    let route = try #require(board.routeRows.first)
    #expect(route.route == "chat-route")
    #expect(route.models == ["llama-3-8b"])
    #expect(route.requestsPerSecond == 10)
    #expect(route.cacheHitRatio == 0.25)
  }

  @Test("a counter that restarts from zero counts what it had before the reset")
  func rateAcrossReset() throws {
    var board = MetricsBoard(rateWindow: .seconds(10))
    try board.scrape(MetricsFixtures.gateway(inputTokens: 900, outputTokens: 0, requests: 90), atSecond: 0)
    try board.scrape(MetricsFixtures.gateway(inputTokens: 1000, outputTokens: 0, requests: 100), atSecond: 1)
    // The gateway restarted: the counters start again from zero.
    try board.scrape(MetricsFixtures.gateway(inputTokens: 100, outputTokens: 0, requests: 10), atSecond: 2)
    let model = try #require(board.modelRows.first)
    #expect(model.tokensInPerSecond == 100)
    #expect(model.requestsPerSecond == 10)
    #expect(model.tokensInHistory == [100, 100])
  }

  @Test("rates are over the window, and the history keeps only its last points")
  func windowAndBoundedHistory() throws {
    var board = MetricsBoard(historyLength: 3, rateWindow: .seconds(2))
    for second in 0...5 {
      let tokens = Double(second * second) * 100
      try board.scrape(
        MetricsFixtures.gateway(inputTokens: tokens, outputTokens: 0, requests: 0), atSecond: Double(second))
    }
    let model = try #require(board.modelRows.first)
    // Over seconds 3...5: (2500 - 900) / 2.
    #expect(model.tokensInPerSecond == 800)
    #expect(model.tokensInHistory == [400, 600, 800])
  }

  @Test("latency quantiles come from the buckets' growth, not from their totals")
  func quantilesFromBucketDeltas() throws {
    var board = MetricsBoard()
    // Before: 100 slow requests (all above 1 s). Then 10 fast ones (all at most 0.1 s).
    let before = [("0.1", 0.0), ("1.0", 0.0), ("+Inf", 100.0)]
    let after = [("0.1", 10.0), ("1.0", 10.0), ("+Inf", 110.0)]
    try board.scrape(
      MetricsFixtures.gateway(inputTokens: 0, outputTokens: 0, requests: 100, durationBuckets: before), atSecond: 0)
    try board.scrape(
      MetricsFixtures.gateway(inputTokens: 0, outputTokens: 0, requests: 110, durationBuckets: after), atSecond: 1)
    let latency = try #require(board.modelRows.first?.latency)
    #expect(latency.p50 == 0.05)
    #expect(abs(latency.p99 - 0.099) < 1e-9)
  }

  @Test("a DCGM field the GPU does not support reads as N/A, not as 2^63")
  func sentinelIsNotAvailable() throws {
    var board = MetricsBoard()
    try board.scrape(
      MetricsFixtures.dcgm(node: "gpu-node-1", gpu: 0, utilisation: 40, power: "9223372036854775794")
        + MetricsFixtures.dcgm(node: "gpu-node-1", gpu: 1, utilisation: 9.223372036854776e18, power: "140737488355328"),
      atSecond: 0)
    let gpus = try #require(board.gpuGroups.first?.gpus)
    #expect(gpus.map(\.powerWatts) == [nil, nil])
    #expect(gpus.map(\.utilisation) == [40, nil])
    #expect(gpus[0].memoryTotalMiB == 81_920)
  }

  @Test("GPUs are grouped by node, in index order, with their holders")
  func groupingByNode() throws {
    var board = MetricsBoard()
    try board.scrape(
      MetricsFixtures.dcgm(node: "node-b", gpu: 1, utilisation: 10)
        + MetricsFixtures.dcgm(node: "node-a", gpu: 10, utilisation: 30)
        + MetricsFixtures.dcgm(node: "node-a", gpu: 2, utilisation: 90, namespace: "ml", pod: "llama-0")
        + MetricsFixtures.dcgm(node: "node-a", gpu: 3, utilisation: 70, namespace: "ml", pod: "llama-0"),
      atSecond: 0)
    #expect(board.gpuGroups.map(\.node) == ["node-a", "node-b"])
    #expect(board.gpuGroups[0].gpus.map(\.index) == ["2", "3", "10"])
    #expect(board.gpuGroups[0].averageUtilisation == 190.0 / 3)
    #expect(board.gpuUtilisation(namespace: "ml", pod: "llama-0") == 80)
    #expect(board.gpuUtilisation(namespace: "ml", pod: "other") == nil)
    #expect(board.gpuUtilisation(node: "node-b") == 10)
  }

  @Test("a failed scrape keeps the last numbers and says why; the board's clock measures the age")
  func failureKeepsData() throws {
    var board = MetricsBoard()
    try board.scrape(MetricsFixtures.gateway(inputTokens: 0, outputTokens: 0, requests: 0), atSecond: 0)
    try board.scrape(MetricsFixtures.gateway(inputTokens: 100, outputTokens: 0, requests: 1), atSecond: 1)
    board.ingest(
      MetricsUpdate(
        source: MetricsFixtures.source, timestampMilliseconds: 1_700_000_013_000,
        payload: .failed("scrape failed: HTTP 503")))
    #expect(board.modelRows.first?.tokensInPerSecond == 100)
    let state = try #require(board.sources.first)
    #expect(state.error == "scrape failed: HTTP 503")
    #expect(board.age(of: state) == 12)
  }
}
