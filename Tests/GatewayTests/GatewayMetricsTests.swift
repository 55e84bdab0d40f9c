import ClusterClient
import Testing

@testable import Gateway

@Suite("GatewayMetrics")
struct GatewayMetricsTests {
  func families(_ metrics: GatewayMetrics) throws -> [String: MetricFamily] {
    let parsed = try PrometheusTextParser.parse(metrics.exposition())
    return Dictionary(uniqueKeysWithValues: parsed.map { ($0.name, $0) })
  }

  @Test("token usage histograms count input and output tokens per model, cache hits included")
  func tokenUsage() throws {
    let metrics = GatewayMetrics()
    metrics.served(
      route: "demo/chat", model: "llama", operation: .chat, promptTokens: 10, completionTokens: 40,
      duration: .milliseconds(500), timeToFirstToken: .milliseconds(20))
    metrics.served(
      route: "demo/chat", model: "llama", operation: .chat, promptTokens: 5, completionTokens: 3,
      duration: .milliseconds(100), timeToFirstToken: .milliseconds(10))
    metrics.cacheHit(route: "demo/chat", model: "llama", operation: .chat, promptTokens: 10, completionTokens: 40)
    let usage = try #require(try families(metrics)["gen_ai_client_token_usage"])
    #expect(usage.type == .histogram)
    let input = try #require(usage.histograms.first { $0.label("gen_ai_token_type") == "input" })
    let output = try #require(usage.histograms.first { $0.label("gen_ai_token_type") == "output" })
    #expect(input.sum == 25)
    #expect(output.sum == 83)
    #expect(output.count == 3)
    #expect(input.label("gen_ai_request_model") == "llama")
    #expect(input.label("gen_ai_operation_name") == "chat")
    #expect(input.label("gen_ai_system") == "aiconsole")
    #expect(input.buckets.map(\.upperBound).dropLast() == GatewayMetrics.tokenBuckets[...])
    #expect(input.buckets.first { $0.upperBound == 16 }?.cumulativeCount == 3)
  }

  @Test("durations, time to first token and time per output token in seconds")
  func durations() throws {
    let metrics = GatewayMetrics()
    metrics.served(
      route: "r", model: "m", operation: .textCompletion, promptTokens: 1, completionTokens: 11,
      duration: .milliseconds(520), timeToFirstToken: .milliseconds(20))
    let parsed = try families(metrics)
    let duration = try #require(parsed["gen_ai_server_request_duration"]?.histograms.first)
    #expect(duration.sum == 0.52)
    #expect(duration.label("gen_ai_operation_name") == "text_completion")
    #expect(parsed["gen_ai_server_time_to_first_token"]?.histograms.first?.sum == 0.02)
    let perToken = try #require(parsed["gen_ai_server_time_per_output_token"]?.histograms.first?.sum)
    #expect(abs(perToken - 0.05) < 1e-12)
  }

  @Test("counts requests by code, errors by reason, rate limits by limit and cache hits per route")
  func counters() throws {
    let metrics = GatewayMetrics()
    metrics.served(
      route: "r", model: "m", operation: .chat, promptTokens: 1, completionTokens: 1, duration: .milliseconds(5),
      timeToFirstToken: .milliseconds(1))
    metrics.failed(route: "r", model: "m", reason: "no_instance", status: 503)
    metrics.rateLimited(route: "r", model: "m", limit: .tokens)
    metrics.rateLimited(route: "r", model: "m", limit: .tokens)
    metrics.cacheHit(route: "r", model: "m", operation: .chat, promptTokens: 1, completionTokens: 1)
    let parsed = try families(metrics)
    let requests = try #require(parsed["aiconsole_gateway_requests_total"])
    #expect(requests.type == .counter)
    #expect(requests.samples(matching: ["route": "r", "code": "200"]).first?.value == 2)
    #expect(requests.samples(matching: ["code": "503"]).first?.value == 1)
    #expect(requests.samples(matching: ["code": "429"]).first?.value == 2)
    let errors = try #require(parsed["aiconsole_gateway_errors_total"])
    #expect(errors.samples(matching: ["reason": "rate_limited"]).first?.value == 2)
    #expect(errors.samples(matching: ["reason": "no_instance", "model": "m"]).first?.value == 1)
    #expect(
      parsed["aiconsole_gateway_rate_limited_total"]?.samples(matching: ["limit": "tokens"]).first?.value == 2)
    #expect(parsed["aiconsole_gateway_cache_hits_total"]?.samples.first?.value == 1)
  }
}
