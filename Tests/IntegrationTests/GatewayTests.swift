import AsyncHTTPClient
import ClusterClient
import Foundation
import KubeCore
import Testing

/// Real HTTP requests through the gateway of `aiconsole serve`, to simulated instances that the
/// real controller and fleet run: routing, streaming, the cache, keys, limits, context checks,
/// splits, logs and metrics.
@Suite("AI gateway over HTTP", .serialized, .timeLimit(.minutes(10))) struct GatewayTests {
  @Test func routesStreamsCachesAndTracesARequest() async throws {
    guard Kubectl.isInstalled() else { return }
    let fixture = try GatewayFixture("gateway-routing")
    defer { fixture.stop() }
    try fixture.waitUntilServing("chat", 2, canary: true)
    let reply = try await fixture.post(
      "/v1/chat/completions", GatewayFixture.chat("llama-chat", "how do I reset my password"),
      headers: [("x-request-id", "req-trace-1")])
    #expect(reply.status == 200)
    #expect(reply.headers["x-request-id"].first == "req-trace-1")
    let usage = try #require(reply.json?["usage"])
    #expect(usage["completion_tokens"]?.intValue ?? 0 > 0 && usage["completion_tokens"]?.intValue ?? 99 <= 16)
    #expect(
      usage["total_tokens"]
        == .int((usage["prompt_tokens"]?.intValue ?? 0) + (usage["completion_tokens"]?.intValue ?? 0)))
    #expect(reply.json?[path: ["choices"]]?.arrayValue?.first?[path: ["message", "role"]] == "assistant")

    // The same request again comes from the cache, with the same text.
    let cached = try await fixture.post(
      "/v1/chat/completions", GatewayFixture.chat("llama-chat", "how do I reset my password"))
    #expect(cached.headers["x-aiconsole-cache"].first == "hit")
    #expect(cached.json?["choices"] == reply.json?["choices"])

    // Streaming: server-sent events, the last with usage, then [DONE].
    let streamed = try await fixture.post(
      "/v1/chat/completions", GatewayFixture.chat("llama-chat", "stream me a story", maxTokens: 8, stream: true))
    #expect(streamed.headers["content-type"].first == "text/event-stream")
    let events = streamed.body.components(separatedBy: "\n\n").filter { !$0.isEmpty }
    #expect(events.last == "data: [DONE]")
    let tokens = events.dropLast().compactMap { try? JSONParser.parse(Array($0.dropFirst(6).utf8)) }
    #expect(tokens.last?[path: ["usage", "completion_tokens"]] == .int(Int64(tokens.count - 1)))

    // Completions and the model list.
    let completion = try await fixture.post(
      "/v1/completions", #"{"model":"llama-chat","prompt":"Once","max_tokens":4}"#)
    #expect(completion.json?["object"] == "text_completion")

    // The request ID in the gateway's log and in the log of the instance that served it.
    let backend = try #require(reply.headers["x-aiconsole-backend"].first?.split(separator: "/").last.map(String.init))
    var gatewayLog = ""
    var instanceLog = ""
    for _ in 0..<50 where !(gatewayLog.contains("req-trace-1") && instanceLog.contains("req-trace-1")) {
      try await Task.sleep(for: .milliseconds(200))
      gatewayLog = try fixture.kubectl.run("logs", "-n", "aiconsole-system", "aiconsole-gateway").stdout
      instanceLog = try fixture.kubectl.run("logs", backend).stdout
    }
    #expect(gatewayLog.contains(#""correlation_id":"req-trace-1""#))
    #expect(
      instanceLog.contains(#""correlation_id":"req-trace-1""#) && instanceLog.contains(#""msg":"request served""#))
    #expect(!gatewayLog.contains("Bearer") && !gatewayLog.contains("authorization"))
  }

  @Test func refusesWithTheRightStatusAndSaysWhy() async throws {
    guard Kubectl.isInstalled() else { return }
    let fixture = try GatewayFixture("gateway-policies")
    defer { fixture.stop() }
    try fixture.waitUntilServing("solo", 1)
    let keyed = GatewayFixture.chat("llama-keyed", "hello")
    #expect(try await fixture.post("/v1/chat/completions", keyed).status == 401)
    #expect(
      try await fixture.post("/v1/chat/completions", keyed, headers: [("authorization", "Bearer sk-team-a-wrong")])
        .status
        == 401)
    let key = [("authorization", "Bearer sk-team-a-0123456789")]
    var statuses: [Int] = []
    var retryAfter: String?
    for _ in 0..<4 {
      let reply = try await fixture.post("/v1/chat/completions", keyed, headers: key)
      statuses.append(reply.status)
      if reply.status == 429 {
        retryAfter = reply.headers["retry-after"].first
        #expect(reply.json?[path: ["error", "code"]] == "rate_limit_exceeded")
      }
    }
    #expect(statuses == [200, 200, 200, 429])
    #expect(Int(retryAfter ?? "") ?? 0 >= 1)

    let badContext = try await fixture.post(
      "/v1/chat/completions", GatewayFixture.chat("llama-ctx", "help", context: #"{"ticket":"42","priority":"high"}"#))
    #expect(badContext.status == 400)
    let message = badContext.json?[path: ["error", "message"]]?.stringValue ?? ""
    #expect(message.contains("context.ticket") && message.contains("context.priority: must be number"))
    let goodContext = try await fixture.post(
      "/v1/chat/completions", GatewayFixture.chat("llama-ctx", "help", context: #"{"ticket":"T-42","priority":1}"#))
    #expect(goodContext.status == 200)

    let huge = GatewayFixture.chat("llama-chat", String(repeating: "x", count: (1 << 20) + 10))
    #expect(try await fixture.post("/v1/chat/completions", huge).status == 413)
    let unknown = try await fixture.post("/v1/chat/completions", GatewayFixture.chat("gpt-7", "hi"))
    #expect(unknown.status == 404 && unknown.json?[path: ["error", "code"]] == "model_not_found")
    let idle = try await fixture.post("/v1/chat/completions", GatewayFixture.chat("llama-idle", "hi"))
    #expect(idle.status == 503)
    #expect(idle.json?[path: ["error", "message"]]?.stringValue?.contains("has no Ready instance") == true)
  }

  @Test func splitsTrafficByCanaryShareAndFollowsWeightEdits() async throws {
    guard Kubectl.isInstalled() else { return }
    let fixture = try GatewayFixture("gateway-split")
    defer { fixture.stop() }
    try fixture.waitUntilServing("chat", 2, canary: true)
    try fixture.waitUntilServing("solo", 1)
    // 1,000 requests with distinct prompts (the cache must not answer): the split route sends
    // half to chat, whose canary takes 20% of those, so 10% of all.
    let canary = try await countCanary(fixture, requests: 1000)
    #expect(abs(Double(canary) / 1000 - 0.10) <= 0.05, "canary took \(canary) of 1000")

    // Moving all weight to solo takes effect within a second.
    let patched = try fixture.kubectl.run(
      "patch", "airoute", "split", "--type=merge", "-p",
      #"{"spec":{"backends":[{"service":"chat","weight":0},{"service":"solo","weight":100}]}}"#)
    #expect(patched.status == 0)
    try await Task.sleep(for: .seconds(1))
    for index in 0..<20 {
      let reply = try await fixture.post(
        "/v1/completions", #"{"model":"llama-split","prompt":"after\#(index)","max_tokens":1}"#)
      #expect(reply.headers["x-aiconsole-backend"].first?.contains("/solo-") == true)
    }
  }

  /// Sends `requests` to the split route and counts those the canary's pool answered.
  func countCanary(_ fixture: GatewayFixture, requests: Int) async throws -> Int {
    let gateway = fixture.gateway
    return try await withThrowingTaskGroup(of: Int.self) { group in
      for worker in 0..<8 {
        group.addTask {
          var hits = 0
          for index in stride(from: worker, to: requests, by: 8) {
            let reply = try await GatewayFixture.post(
              gateway, "/v1/completions", #"{"model":"llama-split","prompt":"q\#(index)","max_tokens":1}"#)
            if reply.headers["x-aiconsole-backend"].first?.contains("/chat-canary-") == true { hits += 1 }
          }
          return hits
        }
      }
      return try await group.reduce(0, +)
    }
  }

  @Test func prometheusCountsTheTokensTheResponsesReported() async throws {
    guard Kubectl.isInstalled(), FileManager.default.isExecutableFile(atPath: PrometheusProcess.binary) else { return }
    let fixture = try GatewayFixture("gateway-prometheus")
    defer { fixture.stop() }
    try fixture.waitUntilServing("solo", 1)
    var input: Int64 = 0
    var output: Int64 = 0
    for index in 0..<30 {
      let reply = try await fixture.post(
        "/v1/chat/completions", GatewayFixture.chat("llama-ctx", "question \(index)", context: #"{"ticket":"T-1"}"#))
      input += reply.json?[path: ["usage", "prompt_tokens"]]?.intValue ?? 0
      output += reply.json?[path: ["usage", "completion_tokens"]]?.intValue ?? 0
    }
    let target = String(fixture.metrics.dropFirst("http://".count).prefix { $0 != "/" })
    let prometheus = try PrometheusProcess(scrapeTarget: target)
    defer { prometheus.kill() }
    let api = PrometheusAPIClient(baseURL: prometheus.url)
    try await prometheus.waitUntilReady(api)
    var stored: [String: Double] = [:]
    let deadline = Date().addingTimeInterval(60)
    while stored.count < 2, Date() < deadline {
      try await Task.sleep(for: .milliseconds(500))
      for sample in try await api.query(
        #"sum by (gen_ai_token_type) (gen_ai_client_token_usage_sum{gen_ai_request_model="llama-ctx"})"#
      ).vector {
        if let type = sample.label("gen_ai_token_type") { stored[type] = sample.point.value }
      }
    }
    #expect(stored["input"] == Double(input))
    #expect(stored["output"] == Double(output))
    let generated = try await api.query(#"sum(vllm:generation_tokens_total)"#).vector.first?.point.value
    #expect(generated == Double(output))
    let utilisation = try await api.query("count(DCGM_FI_DEV_GPU_UTIL)").vector.first?.point.value ?? 0
    #expect(utilisation >= 1)
  }
}
