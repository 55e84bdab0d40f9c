import ClusterClient
import KubeCore
import Testing
import Views

@testable import ConsoleApp

/// The stable-vs-canary table: the gateway's per-pool series read from a hand-written
/// exposition and from PromQL results, the analysis verdict, the table as drawn, and the
/// latency and error sparklines' histories.
@Suite("Canary pools: stable vs canary in the metrics pane")
struct CanaryPoolsTests {
  /// The gateway's pool labels of `demo/support`.
  static func poolLabels(_ pool: String, _ deployment: String) -> String {
    "service_namespace=\"demo\",inference_service=\"support\",pool=\"\(pool)\",model_deployment=\"\(deployment)\""
  }

  /// One pool's cumulative series at one scrape.
  struct PoolCounts {
    var pool: String
    var deployment: String
    var ok: Double
    var failed: Double
    var inputTokens: Double
    var outputTokens: Double
    /// Cumulative counts per bound (0.1, 0.5, 1, +Inf) of the request duration.
    var duration: [Double]
    /// Cumulative counts per bound (0.05, 0.1, 0.5, +Inf) of the time to first token.
    var firstToken: [Double]
  }

  /// The exposition of `pools`, plus a request refused before routing (no pool labels).
  static func exposition(_ pools: [PoolCounts], refused: Double) -> String {
    let route = "route=\"demo/support\",model=\"mistral-7b\""
    var requests = "# TYPE aiconsole_gateway_requests_total counter\n"
    var tokens = "# TYPE gen_ai_client_token_usage histogram\n"
    var duration = "# TYPE gen_ai_server_request_duration histogram\n"
    var firstToken = "# TYPE gen_ai_server_time_to_first_token histogram\n"
    for counts in pools {
      let labels = poolLabels(counts.pool, counts.deployment)
      requests += "aiconsole_gateway_requests_total{\(route),code=\"200\",\(labels)} \(counts.ok)\n"
      requests += "aiconsole_gateway_requests_total{\(route),code=\"503\",\(labels)} \(counts.failed)\n"
      let genAI = MetricsFixtures.genAILabels("mistral-7b") + "," + labels
      for (type, sum) in [("input", counts.inputTokens), ("output", counts.outputTokens)] {
        tokens += "gen_ai_client_token_usage_sum{\(genAI),gen_ai_token_type=\"\(type)\"} \(sum)\n"
      }
      for (bound, count) in zip(["0.1", "0.5", "1", "+Inf"], counts.duration) {
        duration += "gen_ai_server_request_duration_bucket{\(genAI),le=\"\(bound)\"} \(count)\n"
      }
      for (bound, count) in zip(["0.05", "0.1", "0.5", "+Inf"], counts.firstToken) {
        firstToken += "gen_ai_server_time_to_first_token_bucket{\(genAI),le=\"\(bound)\"} \(count)\n"
      }
    }
    requests +=
      "aiconsole_gateway_requests_total{\(route),code=\"429\",service_namespace=\"\",inference_service=\"\",pool=\"\",model_deployment=\"\"} \(refused)\n"
    return requests + tokens + duration + firstToken
  }

  /// Two scrapes two seconds apart: stable serves 10 requests/s without errors, canary 5/s with
  /// 1/s of 503s; a stable deployment replaced by a promotion still grows its old series (which
  /// must not count), and refused requests carry no pool.
  static func board() throws -> MetricsBoard {
    var board = MetricsBoard(sources: [MetricsFixtures.source])
    let zero = [0.0, 0, 0, 0]
    try board.scrape(
      exposition(
        [
          PoolCounts(
            pool: "stable", deployment: "mistral-7b-v1", ok: 100, failed: 0, inputTokens: 1000, outputTokens: 500,
            duration: zero, firstToken: zero),
          PoolCounts(
            pool: "canary", deployment: "mistral-7b-v2", ok: 40, failed: 0, inputTokens: 400, outputTokens: 200,
            duration: zero, firstToken: zero),
          PoolCounts(
            pool: "stable", deployment: "mistral-7b-v0", ok: 500, failed: 0, inputTokens: 0, outputTokens: 0,
            duration: zero, firstToken: zero),
        ], refused: 3),
      atSecond: 0)
    try board.scrape(
      exposition(
        [
          PoolCounts(
            pool: "stable", deployment: "mistral-7b-v1", ok: 120, failed: 0, inputTokens: 1400, outputTokens: 700,
            duration: [10, 20, 20, 20], firstToken: [18, 20, 20, 20]),
          PoolCounts(
            pool: "canary", deployment: "mistral-7b-v2", ok: 48, failed: 2, inputTokens: 480, outputTokens: 260,
            duration: [0, 2, 6, 10], firstToken: [0, 2, 10, 10]),
          PoolCounts(
            pool: "stable", deployment: "mistral-7b-v0", ok: 540, failed: 20, inputTokens: 0, outputTokens: 0,
            duration: zero, firstToken: zero),
        ], refused: 13),
      atSecond: 2)
    return board
  }

  /// `demo/support` serving mistral-7b-v1 with mistral-7b-v2 as a canary under analysis.
  static func service(analysis: JSONValue?, conditions: [JSONValue] = [], canary: Bool = true) -> JSONValue {
    var spec: JSONValue = ["modelRef": ["name": "mistral-7b-v1"], "replicas": 2]
    if canary {
      spec["canary"] = [
        "modelRef": ["name": "mistral-7b-v2"], "trafficPercent": 25,
        "analysis": [
          "steps": [
            ["trafficPercent": 10, "duration": "1m"], ["trafficPercent": 25, "duration": "2m"],
            ["trafficPercent": 50, "duration": "2m"], ["trafficPercent": 75, "duration": "2m"],
          ],
          "thresholds": ["maxErrorRate": ["mode": "Absolute", "value": 5]],
        ],
      ]
    }
    var status: JSONValue = ["conditions": .array(conditions)]
    if let analysis { status["canary"] = ["analysis": analysis] }
    return [
      "apiVersion": "ai.aiconsole.dev/v1", "kind": "InferenceService",
      "metadata": ["name": "support", "namespace": "demo"], "spec": spec, "status": status,
    ]
  }

  /// Step 2 of 4, begun 50 s before the first scrape (the board's clock is 2 s after it).
  static func progressing(checks: [JSONValue], canaryRequests: Int = 12) -> JSONValue {
    [
      "canaryModel": "mistral-7b-v2", "step": 2, "steps": 4, "stepStartTime": "2023-11-14T22:12:30.000Z",
      "phase": "Progressing", "canaryRequests": .int(Int64(canaryRequests)), "checks": .array(checks),
    ]
  }

  static func focus(_ object: JSONValue) throws -> CanaryFocus {
    try #require(CanaryFocus(object))
  }

  @Test("a scrape's series split by pool: each pool's rates, error ratio, quantiles and tokens")
  func exposedPools() throws {
    let board = try Self.board()
    let rows = board.poolRows(try Self.focus(Self.service(analysis: nil)))
    #expect(rows.map(\.pool) == ["stable", "canary"])
    #expect(rows.map(\.deployment) == ["mistral-7b-v1", "mistral-7b-v2"])
    let stable = rows[0]
    let canary = rows[1]
    #expect(stable.requestsPerSecond == 10)
    #expect(stable.errorRatio == 0)
    #expect(stable.tokensPerSecond == 300)
    #expect(abs((stable.latency?.p50 ?? 0) - 0.1) < 1e-9)
    #expect(abs((stable.latency?.p99 ?? 0) - 0.492) < 1e-9)
    #expect(abs((stable.timeToFirstTokenP99 ?? 0) - 0.095) < 1e-9)
    #expect(canary.requestsPerSecond == 5)
    #expect(canary.errorRatio == 0.2)
    #expect(canary.tokensPerSecond == 70)
    #expect(abs((canary.latency?.p50 ?? 0) - 0.875) < 1e-9)
    #expect(canary.latency?.p99 == 1)
    #expect(abs((canary.timeToFirstTokenP99 ?? 0) - 0.495) < 1e-9)
    // The model's figures still add every pool and the refused requests.
    let model = try #require(board.modelRows.first { $0.model == "mistral-7b" })
    #expect(abs((model.requestsPerSecond ?? 0) - (10 + 5 + 30 + 5)) < 1e-9)
  }

  @Test("PromQL results split by pool read the same")
  func prometheusPools() throws {
    let labels = { (pool: String, deployment: String) in
      [
        MetricLabel("service_namespace", "demo"), MetricLabel("inference_service", "support"),
        MetricLabel("pool", pool), MetricLabel("model_deployment", deployment),
      ]
    }
    let sample = { (labels: [MetricLabel], value: Double) in
      PrometheusInstantSample(labels: labels, point: MetricPoint(timestampMilliseconds: 0, value: value))
    }
    let stable = labels("stable", "mistral-7b-v1")
    let canary = labels("canary", "mistral-7b-v2")
    let results: [String: [PrometheusInstantSample]] = [
      "pool_requests": [sample(stable, 10), sample(canary, 5)],
      "pool_server_errors": [sample(canary, 0.5)],
      "pool_tokens": [
        sample(stable + [MetricLabel("gen_ai_token_type", "input")], 200),
        sample(stable + [MetricLabel("gen_ai_token_type", "output")], 100),
        sample(canary + [MetricLabel("gen_ai_token_type", "output")], 30),
      ],
      "pool_latency_p50": [sample(stable, 0.1), sample(canary, 0.2)],
      "pool_latency_p99": [sample(stable, 0.5), sample(canary, 1.5)],
      "pool_ttft_p99": [sample(stable, 0.09), sample(canary, 0.3)],
    ]
    var board = MetricsBoard(sources: [.prometheus("http://127.0.0.1:9090")])
    board.ingest(
      queryResults: results, profiles: [.genai], from: .prometheus("http://127.0.0.1:9090"), at: 1_700_000_000_000)
    let rows = board.poolRows(try Self.focus(Self.service(analysis: nil)))
    #expect(rows[0].requestsPerSecond == 10)
    #expect(rows[0].errorRatio == 0)
    #expect(rows[0].tokensPerSecond == 300)
    #expect(rows[0].latency?.p99 == 0.5)
    #expect(rows[1].errorRatio == 0.1)
    #expect(rows[1].latency?.p50 == 0.2)
    #expect(rows[1].timeToFirstTokenP99 == 0.3)
    #expect(rows[1].tokensPerSecond == 30)
    #expect(MetricsQuery.pools.contains { $0.expression.contains("code=~\"5..\"") })
    #expect(
      MetricsQuery.pools.first { $0.id == "pool_requests" }?.expression
        == "sum by (service_namespace, inference_service, pool, model_deployment) "
        + "(rate(aiconsole_gateway_requests_total{pool!=\"\"}[1m]))")
  }

  @Test("the verdict: step, share, time left and passing, failing, gathering, aborted, promoted, by hand")
  func verdicts() throws {
    let now = Int64(1_700_000_002_000)
    let passed: JSONValue = ["name": "maxErrorRate", "canary": 0, "stable": 0, "limit": 5, "passed": true]
    let failed: JSONValue = ["name": "maxErrorRate", "canary": 20, "stable": 0, "limit": 5, "passed": false]
    let unknown: JSONValue = ["name": "maxErrorRate", "limit": 5]
    let verdict = { (object: JSONValue) in try Self.focus(object).verdict(nowMilliseconds: now) }
    let passing = try verdict(Self.service(analysis: Self.progressing(checks: [passed])))
    #expect(passing.text == "canary demo/support · step 2/4 · 25% · 1m8s left · passing")
    #expect(passing.role == .statusOK)
    let failing = try verdict(Self.service(analysis: Self.progressing(checks: [failed])))
    #expect(failing.text == "canary demo/support · step 2/4 · 25% · 1m8s left · failing maxErrorRate")
    #expect(failing.role == .statusError)
    let gathering = try verdict(Self.service(analysis: Self.progressing(checks: [unknown], canaryRequests: 7)))
    #expect(gathering.text == "canary demo/support · step 2/4 · 25% · 1m8s left · gathering (7/20 canary requests)")
    #expect(gathering.role == .statusWarn)
    // Once aborted the canary is gone from the spec; the verdict stays, with its reason.
    let message = "step 1/4 at 10%: maxErrorRate: canary 20.0%, stable 0.0%, limit 5.0%; canary mistral-7b-v2 removed"
    let aborted = try verdict(
      Self.service(
        analysis: [
          "canaryModel": "mistral-7b-v2", "step": 1, "steps": 4, "phase": "Aborted", "message": .string(message),
        ],
        canary: false))
    #expect(aborted.text == "canary demo/support · aborted · \(message)")
    #expect(aborted.role == .statusError)
    let promoted = try verdict(
      Self.service(analysis: ["canaryModel": "mistral-7b-v2", "phase": "Promoted"], canary: false))
    #expect(promoted.text == "canary demo/support · promoted mistral-7b-v2")
    var byHand = Self.service(analysis: nil)
    byHand["spec"]?["canary"]?["analysis"] = nil
    #expect(try verdict(byHand).text == "canary demo/support · 25% · no analysis, moved by hand")
    #expect(CanaryFocus(Self.service(analysis: nil, canary: false)) == nil)
    #expect(CanaryFocus.duration(milliseconds: 3_600_000 + 120_000) == "1h2m")
    #expect(CanaryFocus.duration(milliseconds: 1) == "1s")
  }

  @Test("the table: verdict, then a row per pool naming its deployment, above the routes and models")
  func table() throws {
    let board = try Self.board()
    let focus = try Self.focus(
      Self.service(
        analysis: Self.progressing(checks: [["name": "maxErrorRate", "canary": 20, "limit": 5, "passed": false]])))
    let lines = MetricsPaneTests.render(board, 110, 8, highlight: MetricsHighlight(canary: focus))
    #expect(
      Array(lines.prefix(5)) == [
        "metrics http://127.0.0.1:9400/metrics · genai",
        "  canary demo/support · step 2/4 · 25% · 1m8s left · failing maxErrorRate",
        "  POOL                  REQ/s                  ERR%                   P50    P99                TTFT99  TOK/s",
        "  stable mistral-7b-v1     10              █     0%                 100ms  492ms              █   95ms    300",
        "  canary mistral-7b-v2      5              █    20%              █  875ms     1s              █  495ms     70",
      ])
    // Narrow: the sparklines and later columns go; the pool with its deployment, requests,
    // error rate and p99 stay.
    let narrow = MetricsPaneTests.render(board, 46, 8, highlight: MetricsHighlight(canary: focus))
    #expect(
      Array(narrow[2...4]) == [
        "  POOL                  REQ/s   ERR%    P99",
        "  stable mistral-7b-v1     10     0%  492ms",
        "  canary mistral-7b-v2      5    20%     1s",
      ])
    // Without a canary selected, no table.
    #expect(!MetricsPaneTests.render(board, 110, 8).joined().contains("POOL"))
  }

  @Test("latency p99 and error histories: one value a read, bounded, a read without observations adds none")
  func histories() throws {
    var board = MetricsBoard(sources: [MetricsFixtures.source], historyLength: 3)
    let failed = [0.0, 1, 1, 4, 4]
    let buckets: [[Double]] = [
      [0, 0, 0, 0], [10, 20, 20, 20], [10, 20, 20, 20], [10, 20, 30, 40], [10, 40, 40, 60],
    ]
    for step in 0..<5 {
      let counts = PoolCounts(
        pool: "canary", deployment: "mistral-7b-v2", ok: Double(step * 10), failed: failed[step], inputTokens: 0,
        outputTokens: 0, duration: buckets[step], firstToken: buckets[step])
      try board.scrape(Self.exposition([counts], refused: 0), atSecond: Double(step * 20))
    }
    // Reads 20 s apart with the 10 s window: each rate and quantile is over the last two reads.
    let subject = MetricsKey.poolSubject(
      namespace: "demo", service: "support", pool: "canary", deployment: "mistral-7b-v2")
    let row = board.poolRow(subject, pool: "canary", deployment: "mistral-7b-v2")
    let close = { (left: [Double], right: [Double]) in
      left.count == right.count && zip(left, right).allSatisfy { abs($0 - $1) < 1e-9 }
    }
    #expect(close(row.requestsHistory, [0.5, 0.65, 0.5]), "\(row.requestsHistory)")
    #expect(close(row.errorRatioHistory, [0, 0.15 / 0.65, 0]), "\(row.errorRatioHistory)")
    // p99 per read: 0.492 (read 1), none (read 2: no growth), 1 (read 3: in +Inf), 0.496 (read 4).
    #expect(close(row.latencyP99History, [0.492, 1, 0.496]), "\(row.latencyP99History)")
    let model = try #require(board.modelRows.first { $0.model == "mistral-7b" })
    #expect(model.latencyP99History.count == 3)
    #expect(model.errorsHistory.count == 0)
    #expect(MetricsBoard.ratios([1, 2], over: [0, 4, 4]) == [0, 0.25, 0.5])
    #expect(MetricsBoard.ratios([], over: [3, 3]) == [0, 0])
  }
}
