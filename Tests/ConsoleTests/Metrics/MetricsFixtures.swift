import ClusterClient

@testable import ConsoleApp

/// Expositions written the way our gateway, vLLM, the DCGM exporter and LiteLLM write them, with
/// counter values a test chooses, so rates and quantiles can be checked by hand.
enum MetricsFixtures {
  /// The labels our gateway puts on the GenAI series.
  static func genAILabels(_ model: String, tokenType: String? = nil) -> String {
    var labels = "gen_ai_request_model=\"\(model)\",gen_ai_operation_name=\"chat\",gen_ai_system=\"aiconsole\""
    if let tokenType { labels += ",gen_ai_token_type=\"\(tokenType)\"" }
    return labels
  }

  /// The gateway's exposition for one route and model with these cumulative values.
  static func gateway(
    model: String = "llama-3-8b", route: String = "chat-route", inputTokens: Double, outputTokens: Double,
    requests: Double, errors: Double = 0, rateLimited: Double = 0, cacheHits: Double = 0,
    durationBuckets: [(String, Double)] = []
  ) -> String {
    var text = "# TYPE gen_ai_client_token_usage histogram\n"
    for (type, sum) in [("input", inputTokens), ("output", outputTokens)] {
      let labels = genAILabels(model, tokenType: type)
      text += "gen_ai_client_token_usage_bucket{\(labels),le=\"+Inf\"} \(requests)\n"
      text += "gen_ai_client_token_usage_sum{\(labels)} \(sum)\n"
      text += "gen_ai_client_token_usage_count{\(labels)} \(requests)\n"
    }
    if !durationBuckets.isEmpty {
      text += "# TYPE gen_ai_server_request_duration histogram\n"
      for (bound, count) in durationBuckets {
        text += "gen_ai_server_request_duration_bucket{\(genAILabels(model)),le=\"\(bound)\"} \(count)\n"
      }
    }
    text += "# TYPE aiconsole_gateway_requests_total counter\n"
    text += "aiconsole_gateway_requests_total{route=\"\(route)\",model=\"\(model)\",code=\"200\"} \(requests)\n"
    text += "# TYPE aiconsole_gateway_errors_total counter\n"
    text +=
      "aiconsole_gateway_errors_total{route=\"\(route)\",model=\"\(model)\",reason=\"rate_limited\"} \(rateLimited)\n"
    text += "aiconsole_gateway_errors_total{route=\"\(route)\",model=\"\(model)\",reason=\"backend\"} \(errors)\n"
    text += "# TYPE aiconsole_gateway_rate_limited_total counter\n"
    text += "aiconsole_gateway_rate_limited_total{route=\"\(route)\",limit=\"requests\"} \(rateLimited)\n"
    text += "# TYPE aiconsole_gateway_cache_hits_total counter\n"
    text += "aiconsole_gateway_cache_hits_total{route=\"\(route)\"} \(cacheHits)\n"
    return text
  }

  /// One GPU as the DCGM exporter writes it; `power` may be the exporter's blank sentinel.
  static func dcgm(
    node: String, gpu: Int, utilisation: Double, usedMiB: Double = 40_960, freeMiB: Double = 40_960,
    power: String = "350.5", temperature: Double = 60, namespace: String = "", pod: String = ""
  ) -> String {
    let labels =
      "gpu=\"\(gpu)\",UUID=\"GPU-\(node)-\(gpu)\",pci_bus_id=\"00000000:0\(gpu):00.0\",device=\"nvidia\(gpu)\","
      + "modelName=\"NVIDIA H100 80GB HBM3\",Hostname=\"\(node)\",container=\"\(pod.isEmpty ? "" : "model")\","
      + "namespace=\"\(namespace)\",pod=\"\(pod)\""
    return """
      DCGM_FI_DEV_GPU_UTIL{\(labels)} \(utilisation)
      DCGM_FI_DEV_FB_USED{\(labels)} \(usedMiB)
      DCGM_FI_DEV_FB_FREE{\(labels)} \(freeMiB)
      DCGM_FI_DEV_POWER_USAGE{\(labels)} \(power)
      DCGM_FI_DEV_GPU_TEMP{\(labels)} \(temperature)

      """
  }

  /// One vLLM instance; `deprecatedCacheOnly` writes only the old `vllm:gpu_cache_usage_perc`.
  static func vllm(
    model: String, namespace: String = "default", pod: String, promptTokens: Double, generationTokens: Double,
    kvCache: Double = 0.25, deprecatedCacheOnly: Bool = false
  ) -> String {
    let labels = "model_name=\"\(model)\",namespace=\"\(namespace)\",pod=\"\(pod)\""
    let cache = deprecatedCacheOnly ? "vllm:gpu_cache_usage_perc" : "vllm:kv_cache_usage_perc"
    return """
      vllm:prompt_tokens_total{\(labels)} \(promptTokens)
      vllm:generation_tokens_total{\(labels)} \(generationTokens)
      vllm:num_requests_running{\(labels)} 3
      vllm:num_requests_waiting{\(labels)} 1
      \(cache){\(labels)} \(kvCache)

      """
  }

  /// The families of an exposition, failing the test on a syntax error.
  static func families(_ text: String) throws -> [MetricFamily] {
    try PrometheusTextParser.parse(text)
  }

  /// A scrape source for tests.
  static let source = MetricsSource.exposition("http://127.0.0.1:9400/metrics")
}

extension MetricsBoard {
  /// Ingests the exposition `text` scraped at second `second`.
  mutating func scrape(_ text: String, atSecond second: Double, from source: MetricsSource = MetricsFixtures.source)
    throws
  {
    ingest(
      families: try MetricsFixtures.families(text), from: source,
      at: Int64((1_700_000_000 + second) * 1000))
  }
}
