import ClusterClient
import Foundation
import KubeCore

@testable import ConsoleApp

/// Seven scrapes of the embedded world's metrics endpoint, five seconds apart and the last at
/// `now`: the gateway's two routes with uneven traffic (so sparklines have a shape), the vLLM
/// engines of the ready pods, and eight GPUs on four nodes.
extension ScreenFixture {
  /// A route's traffic: its requests in each five-second step, and what each request carries.
  struct Traffic {
    var route: String
    var model: String
    /// Counters before the first scrape (the gateway has been up a while).
    var base: Double
    var requests: [Double]
    var limited: [Double]
    var errors: [Double]
    var cacheHits: [Double]
    var inputTokens: Double
    var outputTokens: Double
    /// The pods its requests reach.
    var pods: [String]
  }

  static let traffic = [
    Traffic(
      route: "chat", model: "llama-3-8b", base: 48_210, requests: [0, 14, 17, 12, 20, 16, 18],
      limited: [0, 1, 0, 2, 0, 0, 1], errors: [0, 0, 1, 0, 0, 1, 0], cacheHits: [0, 0, 0, 0, 0, 0, 0],
      inputTokens: 420, outputTokens: 180, pods: ["chat-7b5d9c6f4-h5t2w", "chat-7b5d9c6f4-z9r6c"]),
    Traffic(
      route: "summarize", model: "mistral-7b", base: 12_905, requests: [0, 6, 5, 8, 7, 9, 6],
      limited: [0, 0, 0, 0, 0, 0, 0], errors: [0, 0, 0, 0, 0, 0, 0], cacheHits: [0, 2, 1, 3, 2, 3, 2],
      inputTokens: 1_800, outputTokens: 120, pods: ["summarize-6d4b8f5c9-p7w2x", "summarize-6d4b8f5c9-k3j9d"]),
  ]

  /// The gateway's pool labels of a route's requests: all served by its service's stable pool
  /// (the chat canary has no Ready instance, so the gateway hands its share to stable).
  static func poolLabels(_ route: Traffic) -> String {
    "service_namespace=\"demo\",inference_service=\"\(route.route)\",pool=\"stable\","
      + "model_deployment=\"\(route.model)-v1\""
  }

  static let metricsSource = MetricsSource.exposition("http://aiconsole-gateway.aiconsole-system.svc:9090/metrics")

  /// The GPUs: node, index, the pod on it (namespace/name, empty when free) and its utilisation.
  static let gpus: [(node: String, index: Int, pod: String, utilisation: Double)] = [
    ("gpu-node-1", 0, "demo/embeddings-6c9f4d8b7-x2k4p", 38), ("gpu-node-1", 1, "demo/chat-7b5d9c6f4-h5t2w", 86),
    ("gpu-node-2", 0, "demo/embeddings-6c9f4d8b7-q8m3n", 35), ("gpu-node-2", 1, "demo/chat-7b5d9c6f4-z9r6c", 81),
    ("gpu-node-3", 0, "demo/chat-canary-84c6d7f9b-m4n8v", 0), ("gpu-node-3", 1, "demo/summarize-6d4b8f5c9-p7w2x", 64),
    ("gpu-node-4", 0, "demo/summarize-6d4b8f5c9-k3j9d", 59), ("gpu-node-4", 1, "search/rerank-5c7d9e8f1-t6y4u", 0),
  ]

  /// How busy GPUs wobble from scrape to scrape.
  static let wobble: [Double] = [0, 3, -2, 4, 1, -3, 2]

  /// The scrapes, oldest first.
  static func scrapes() throws -> [MetricsUpdate] {
    try (0..<wobble.count).map { step in
      let seconds = now.timeIntervalSince1970 - Double((wobble.count - 1 - step) * 5)
      return MetricsUpdate(
        source: metricsSource, timestampMilliseconds: Int64(seconds * 1000),
        payload: .families(try PrometheusTextParser.parse(exposition(step: step))))
    }
  }

  static func exposition(step: Int) -> String {
    gateway(step: step) + engines(step: step)
      + gpus.map { gpu in
        let busy = gpu.utilisation > 0 ? min(100, gpu.utilisation + wobble[step]) : 0
        let parts = gpu.pod.split(separator: "/").map(String.init)
        return MetricsFixtures.dcgm(
          node: gpu.node, gpu: gpu.index, utilisation: busy, usedMiB: busy > 0 ? 61_440 : 12_288,
          freeMiB: busy > 0 ? 20_480 : 69_632, power: String(80 + busy * 3.5), temperature: 38 + (busy * 0.4).rounded(),
          namespace: parts[0], pod: parts[1])
      }.joined()
  }

  /// A counter's value at `step`: the base and every step's increment so far.
  static func total(_ base: Double, _ steps: [Double], _ step: Int) -> Double {
    base + steps.prefix(step + 1).reduce(0, +)
  }

  static func gateway(step: Int) -> String {
    var text = "# TYPE gen_ai_client_token_usage histogram\n"
    for route in traffic {
      let requests = total(route.base, route.requests, step)
      for (type, tokens) in [("input", route.inputTokens), ("output", route.outputTokens)] {
        let labels = MetricsFixtures.genAILabels(route.model, tokenType: type) + "," + poolLabels(route)
        text += "gen_ai_client_token_usage_bucket{\(labels),le=\"+Inf\"} \(requests)\n"
        text += "gen_ai_client_token_usage_sum{\(labels)} \(requests * tokens)\n"
        text += "gen_ai_client_token_usage_count{\(labels)} \(requests)\n"
      }
    }
    text += histogram("gen_ai_server_request_duration", [(0.25, 0.1), (0.5, 0.45), (1, 0.8), (2.5, 0.97)], step: step)
    text += histogram(
      "gen_ai_server_time_to_first_token", [(0.05, 0.2), (0.1, 0.6), (0.25, 0.9), (0.5, 0.99)], step: step)
    return text + routeCounters(step: step)
  }

  /// A latency histogram of every model: the share of requests at or under each bound.
  static func histogram(_ family: String, _ shares: [(bound: Double, share: Double)], step: Int) -> String {
    var text = "# TYPE \(family) histogram\n"
    for route in traffic {
      let requests = total(route.base, route.requests, step)
      let labels = MetricsFixtures.genAILabels(route.model) + "," + poolLabels(route)
      for (bound, share) in shares {
        text += "\(family)_bucket{\(labels),le=\"\(bound)\"} \((requests * share).rounded(.down))\n"
      }
      text += "\(family)_bucket{\(labels),le=\"+Inf\"} \(requests)\n"
    }
    return text
  }

  static func routeCounters(step: Int) -> String {
    var requests = "# TYPE aiconsole_gateway_requests_total counter\n"
    var errors = "# TYPE aiconsole_gateway_errors_total counter\n"
    var limited = "# TYPE aiconsole_gateway_rate_limited_total counter\n"
    var hits = "# TYPE aiconsole_gateway_cache_hits_total counter\n"
    for route in traffic {
      let all = total(route.base, route.requests, step)
      let refused = total(route.base / 50, route.limited, step)
      let failed = total(route.base / 200, route.errors, step)
      let labels = "route=\"\(route.route)\",model=\"\(route.model)\"," + poolLabels(route)
      requests += "aiconsole_gateway_requests_total{\(labels),code=\"200\"} \(all - refused - failed)\n"
      requests += "aiconsole_gateway_requests_total{\(labels),code=\"429\"} \(refused)\n"
      requests += "aiconsole_gateway_requests_total{\(labels),code=\"502\"} \(failed)\n"
      errors += "aiconsole_gateway_errors_total{\(labels),reason=\"rate_limited\"} \(refused)\n"
      errors += "aiconsole_gateway_errors_total{\(labels),reason=\"backend\"} \(failed)\n"
      limited += "aiconsole_gateway_rate_limited_total{route=\"\(route.route)\",limit=\"requests\"} \(refused)\n"
      hits += "aiconsole_gateway_cache_hits_total{route=\"\(route.route)\"} \(total(0, route.cacheHits, step))\n"
    }
    return requests + errors + limited + hits
  }

  /// The vLLM engines of the ready pods: each route's pods share its tokens; the embeddings
  /// pods read prompts only.
  static func engines(step: Int) -> String {
    var text = ""
    for route in traffic {
      let requests = total(route.base, route.requests, step) / Double(route.pods.count)
      for pod in route.pods {
        text += MetricsFixtures.vllm(
          model: route.model, namespace: namespace, pod: pod, promptTokens: requests * route.inputTokens,
          generationTokens: requests * route.outputTokens, kvCache: route.route == "chat" ? 0.62 : 0.31)
      }
    }
    let embedded = total(2_400_000, [0, 9_000, 12_500, 8_000, 15_000, 11_000, 10_500], step) / 2
    for pod in ["embeddings-6c9f4d8b7-x2k4p", "embeddings-6c9f4d8b7-q8m3n"] {
      text += MetricsFixtures.vllm(
        model: "bge-large", namespace: namespace, pod: pod, promptTokens: embedded, generationTokens: 0, kvCache: 0.05)
    }
    return text
  }
}
