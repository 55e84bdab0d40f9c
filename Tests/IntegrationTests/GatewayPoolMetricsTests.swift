import AsyncHTTPClient
import ClusterClient
import ClusterTestSupport
import Foundation
import KubeCore
import NIOCore
import Testing

/// The gateway of `aiconsole serve` proxying to a real instance per pool of an InferenceService
/// with a canary: its `/metrics` name the pool that served each request, read by the project's
/// exposition reader, by `promtool` and by a real Prometheus scraping it.
@Suite("AI gateway per-pool metrics", .serialized, .timeLimit(.minutes(5))) struct GatewayPoolMetricsTests {
  /// `real` serving `real-v1`, its canary `real-v2` taking 30%, one hand-made Pod per pool at `port`.
  static func canaryInstances(port: Int) -> String {
    GatewayProxyTests.realInstance(port: port).replacingOccurrences(
      of: "spec: {modelRef: {name: real-model}, replicas: 1}",
      with: "spec: {modelRef: {name: real-v1}, replicas: 1, canary: {modelRef: {name: real-v2}, trafficPercent: 30}}")
        + """
        ---
        apiVersion: ai.aiconsole.dev/v1
        kind: AICluster
        metadata: {name: real-canary}
        spec: {modelName: real-model, replicas: 1, endpoint: {port: \(port)}}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: real-canary-0, labels: {ai.aiconsole.dev/cluster: real-canary}}
        spec: {containers: [{name: model, image: vllm/vllm-openai}]}

        """
  }

  /// Replies of 200 per Pod that answered them.
  struct Tally {
    var served: [String: Int] = [:]

    mutating func add(_ reply: GatewayFixture.Reply) {
      guard reply.status == 200, let backend = reply.headers["x-aiconsole-backend"].first else { return }
      served[backend, default: 0] += 1
    }

    var stable: Int { served["default/real-0"] ?? 0 }
    var canary: Int { served["default/real-canary-0"] ?? 0 }
  }

  @Test func requestsCountPerPoolInTheGatewaysMetricsAndInPrometheus() async throws {
    guard Kubectl.isInstalled() else { return }
    let (port, upstream) = try await GatewayProxyTests.modelServer()
    defer { upstream.cancel() }
    let fixture = try GatewayFixture(
      "gateway-pools", arguments: ["--no-controller"], manifests: Self.canaryInstances(port: port))
    defer { fixture.stop() }
    let ready = #"{"status":{"phase":"Running","podIP":"127.0.0.1","conditions":[{"type":"Ready","status":"True"}]}}"#
    for pod in ["real-0", "real-canary-0"] {
      #expect(
        try fixture.kubectl.run("patch", "pod", pod, "--subresource=status", "--type=merge", "-p", ready).status == 0)
    }
    // Every reply is tallied, the probes too: the metrics count them all.
    var tally = Tally()
    var probes = 0
    let bothAnswered = try await Polling.until(upTo: .seconds(30)) {
      probes += 1
      tally.add(try await fixture.post("/v1/chat/completions", GatewayFixture.chat("real-model", "probe \(probes)")))
      return tally.canary > 0 && tally.stable > 0
    }
    #expect(bothAnswered, "the gateway's watch saw both pools Ready: \(tally.served)")
    for index in 0..<200 {
      tally.add(try await fixture.post("/v1/chat/completions", GatewayFixture.chat("real-model", "q\(index)")))
    }
    for index in 0..<6 {
      tally.add(
        try await fixture.post(
          "/v1/chat/completions", GatewayFixture.chat("real-model", "s\(index)", stream: true)))
    }
    let exposition = try await Self.scrape(fixture.metrics)
    try Self.checkCounts(exposition, tally)
    if FileManager.default.isExecutableFile(atPath: Promtool.path) {
      let (status, output) = try Promtool.checkMetrics(exposition)
      #expect(status == 0 || status == 3, "promtool could not parse the gateway's metrics (\(status)): \(output)")
    }
    if FileManager.default.isExecutableFile(atPath: PrometheusProcess.binary) {
      try await Self.checkPrometheus(scraping: fixture.metrics, tally)
    }
  }

  static func scrape(_ url: String) async throws -> [UInt8] {
    let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(10))
    return Array(buffer: try await response.body.collect(upTo: 16 << 20))
  }

  /// The project's reader sees each pool's requests, durations and tokens under its labels.
  static func checkCounts(_ exposition: [UInt8], _ tally: Tally) throws {
    let families = try PrometheusTextParser.parse(exposition)
    let requests = try #require(families.first { $0.name == "aiconsole_gateway_requests_total" })
    let pool = { (pool: String, deployment: String) in
      requests.samples(matching: [
        "route": "default/real", "code": "200", "service_namespace": "default", "inference_service": "real",
        "pool": pool, "model_deployment": deployment,
      ]).map(\.value).reduce(0, +)
    }
    #expect(pool("stable", "real-v1") == Double(tally.stable))
    #expect(pool("canary", "real-v2") == Double(tally.canary))
    let durations = try #require(families.first { $0.name == "gen_ai_server_request_duration" })
    let canaryDurations = durations.histograms.filter {
      $0.label("pool") == "canary" && $0.label("model_deployment") == "real-v2"
    }
    #expect(canaryDurations.compactMap(\.count).reduce(0, +) == Double(tally.canary))
  }

  /// A real Prometheus, scraping the gateway, splits the requests by pool as the replies did.
  static func checkPrometheus(scraping metrics: String, _ tally: Tally) async throws {
    let target = String(metrics.dropFirst("http://".count).prefix { $0 != "/" })
    let prometheus = try PrometheusProcess(scrapeTarget: target)
    defer { prometheus.kill() }
    let api = PrometheusAPIClient(baseURL: prometheus.url)
    try await prometheus.waitUntilReady(api)
    var stored: [String: Double] = [:]
    let query =
      #"sum by (pool, model_deployment) (aiconsole_gateway_requests_total{inference_service="real",code="200"})"#
    let scraped = try await Polling.until(upTo: .seconds(60), every: .milliseconds(250)) {
      for sample in try await api.query(query).vector {
        stored["\(sample.label("pool") ?? "")/\(sample.label("model_deployment") ?? "")"] = sample.point.value
      }
      return stored.count == 2
    }
    #expect(scraped, "Prometheus stored both pools' series: \(stored)")
    #expect(stored["stable/real-v1"] == Double(tally.stable))
    #expect(stored["canary/real-v2"] == Double(tally.canary))
  }
}
