import ClusterClient
import Testing

@testable import ConsoleApp

@Suite("Metrics profiles: what an endpoint exposes decides how it is read")
struct MetricsProfileTests {
  @Test("the gateway's names are genai, LiteLLM's are litellm")
  func detection() throws {
    let genai = try MetricsFixtures.families(MetricsFixtures.gateway(inputTokens: 1, outputTokens: 1, requests: 1))
    #expect(MetricsProfile.detect(genai) == [.genai])
    let litellm = try MetricsFixtures.families(
      """
      # TYPE litellm_input_tokens_metric counter
      litellm_input_tokens_metric_total{model="gpt-4o",requested_model="gpt-4o"} 10

      """)
    #expect(MetricsProfile.detect(litellm) == [.litellm])
    let fleet = try MetricsFixtures.families(
      MetricsFixtures.vllm(model: "m", pod: "p", promptTokens: 1, generationTokens: 1)
        + MetricsFixtures.dcgm(node: "n", gpu: 0, utilisation: 1))
    #expect(MetricsProfile.detect(fleet) == [.vllm, .dcgm])
  }

  @Test(
    "LiteLLM's old and renamed token counters both count",
    arguments: [
      ("litellm_input_tokens_metric", "litellm_output_tokens_metric"),
      ("litellm_input_tokens", "litellm_output_tokens"),
    ])
  func liteLLMNames(input: String, output: String) throws {
    func exposition(_ tokens: Double) -> String {
      """
      # TYPE \(input) counter
      \(input)_total{model="azure/gpt-4o",requested_model="gpt-4o",api_key_alias="ci"} \(tokens)
      # TYPE \(output) counter
      \(output)_total{model="azure/gpt-4o",requested_model="gpt-4o",api_key_alias="ci"} \(tokens / 2)
      # TYPE litellm_proxy_total_requests_metric counter
      litellm_proxy_total_requests_metric_total{requested_model="gpt-4o",status_code="200"} \(tokens / 100)

      """
    }
    var board = MetricsBoard()
    try board.scrape(exposition(1000), atSecond: 0)
    try board.scrape(exposition(2000), atSecond: 1)
    let row = try #require(board.modelRows.first)
    #expect(row.model == "gpt-4o")
    #expect(row.tokensInPerSecond == 1000)
    #expect(row.tokensOutPerSecond == 500)
    #expect(row.requestsPerSecond == 10)
  }

  @Test("vLLM's deprecated KV-cache name is read when the new one is absent, never over it")
  func deprecatedKVCache() throws {
    var board = MetricsBoard()
    try board.scrape(
      MetricsFixtures.vllm(
        model: "m", pod: "old", promptTokens: 0, generationTokens: 0, kvCache: 0.4, deprecatedCacheOnly: true)
        + MetricsFixtures.vllm(model: "m", pod: "new", promptTokens: 0, generationTokens: 0, kvCache: 0.7)
        + "vllm:gpu_cache_usage_perc{model_name=\"m\",namespace=\"default\",pod=\"new\"} 0.1\n",
      atSecond: 0)
    #expect(board.podGauges(namespace: "default", pod: "old")?.kvCacheUsage == 0.4)
    #expect(board.podGauges(namespace: "default", pod: "new")?.kvCacheUsage == 0.7)
  }

  @Test("without a gateway, a model's tokens are its vLLM pods' tokens")
  func engineFallback() throws {
    var board = MetricsBoard()
    for (second, scale) in [(0.0, 1.0), (1.0, 2.0)] {
      try board.scrape(
        MetricsFixtures.vllm(model: "qwen", pod: "qwen-0", promptTokens: 300 * scale, generationTokens: 100 * scale)
          + MetricsFixtures.vllm(model: "qwen", pod: "qwen-1", promptTokens: 500 * scale, generationTokens: 50 * scale),
        atSecond: second)
    }
    let row = try #require(board.modelRows.first)
    #expect(row.pods == ["default/qwen-0", "default/qwen-1"])
    #expect(row.tokensInPerSecond == 800)
    #expect(row.tokensOutPerSecond == 150)
    #expect(board.tokensPerSecond(model: "qwen") == 950)
    #expect(board.tokensPerSecond(namespace: "default", pod: "qwen-1") == 550)
  }

  @Test("Prometheus answers map through the same profiles, rates and quantiles as given")
  func prometheusResults() throws {
    func sample(_ labels: [(String, String)], _ value: Double) -> PrometheusInstantSample {
      PrometheusInstantSample(
        labels: labels.map { MetricLabel($0.0, $0.1) }, point: MetricPoint(timestampMilliseconds: 0, value: value))
    }
    var board = MetricsBoard()
    board.ingest(
      queryResults: [
        "genai_tokens": [
          sample([("gen_ai_request_model", "llama"), ("gen_ai_token_type", "input")], 120),
          sample([("gen_ai_request_model", "llama"), ("gen_ai_token_type", "output")], 30),
        ],
        "gateway_requests": [sample([("route", "r1"), ("model", "llama")], 4)],
        "genai_latency_p99": [sample([("gen_ai_request_model", "llama")], 1.5)],
        "DCGM_FI_DEV_GPU_UTIL": [
          sample(
            [
              ("__name__", "DCGM_FI_DEV_GPU_UTIL"), ("Hostname", "n1"), ("gpu", "0"), ("namespace", "ml"), ("pod", "p"),
            ], 55)
        ],
      ], profiles: [.genai, .dcgm], from: .prometheus("http://prometheus:9090"), at: 1_700_000_000_000)
    let row = try #require(board.modelRows.first)
    #expect(row.tokensInPerSecond == 120)
    #expect(row.requestsPerSecond == 4)
    #expect(row.latency?.p99 == 1.5)
    #expect(board.routeRows.map(\.route) == ["r1"])
    #expect(board.gpuUtilisation(namespace: "ml", pod: "p") == 55)
    #expect(MetricsQuery.queries(for: [.dcgm]).map(\.expression).contains("DCGM_FI_DEV_GPU_UTIL"))
  }
}
