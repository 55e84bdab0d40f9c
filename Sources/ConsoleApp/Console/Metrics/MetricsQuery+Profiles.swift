extension MetricsQuery {
  /// Latency quantiles of a histogram family per model: p50, p95, p99.
  static func latency(
    _ id: String, _ profile: MetricsProfile, _ name: String, _ signal: MetricsKey.Signal, by label: String,
    quantiles: [Double] = [0.5, 0.95, 0.99]
  ) -> [MetricsQuery] {
    quantiles.map { q in
      MetricsQuery(
        id: "\(id)_p\(Int((q * 100).rounded()))", profile: profile, expression: quantile(q, name, by: label),
        mapping: .quantile(signal, q, labels: [label]))
    }
  }

  /// The gateway's GenAI names and its per-route counters.
  static let genAI: [MetricsQuery] =
    [
      MetricsQuery(
        id: "genai_tokens", profile: .genai,
        expression: sumRate("gen_ai_client_token_usage_sum", by: "gen_ai_request_model, gen_ai_token_type"),
        mapping: .genAITokens),
      MetricsQuery(
        id: "gateway_requests", profile: .genai,
        expression: sumRate("aiconsole_gateway_requests_total", by: "route, model"), mapping: .gatewayRequests),
      MetricsQuery(
        id: "gateway_errors", profile: .genai,
        expression: sumRate("aiconsole_gateway_errors_total", by: "route, model, reason"), mapping: .gatewayErrors),
      MetricsQuery(
        id: "gateway_rate_limited", profile: .genai,
        expression: sumRate("aiconsole_gateway_rate_limited_total", by: "route"),
        mapping: .rate(.routeRateLimited, labels: ["route"])),
      MetricsQuery(
        id: "gateway_cache_hits", profile: .genai,
        expression: sumRate("aiconsole_gateway_cache_hits_total", by: "route"),
        mapping: .rate(.routeCacheHits, labels: ["route"])),
    ]
    + latency("genai_latency", .genai, "gen_ai_server_request_duration", .modelLatency, by: "gen_ai_request_model")
    + latency(
      "genai_ttft", .genai, "gen_ai_server_time_to_first_token", .modelTimeToFirstToken, by: "gen_ai_request_model",
      quantiles: [0.5])

  /// vLLM's per-instance names.
  static let vllm: [MetricsQuery] =
    [
      MetricsQuery(
        id: "vllm_prompt_tokens", profile: .vllm,
        expression: sumRate("vllm:prompt_tokens_total", by: "model_name, namespace, pod"),
        mapping: .podRate(.podTokensIn)),
      MetricsQuery(
        id: "vllm_generation_tokens", profile: .vllm,
        expression: sumRate("vllm:generation_tokens_total", by: "model_name, namespace, pod"),
        mapping: .podRate(.podTokensOut)),
    ]
    + [
      "vllm:num_requests_running", "vllm:num_requests_waiting", "vllm:kv_cache_usage_perc",
      "vllm:gpu_cache_usage_perc",
    ].map { MetricsQuery(id: $0, profile: .vllm, expression: $0, mapping: .gauge($0)) }
    + latency("vllm_latency", .vllm, "vllm:e2e_request_latency_seconds", .engineLatency, by: "model_name")
    + latency(
      "vllm_ttft", .vllm, "vllm:time_to_first_token_seconds", .engineTimeToFirstToken, by: "model_name",
      quantiles: [0.5])

  /// The DCGM exporter's gauges, read raw with their labels.
  static let dcgm: [MetricsQuery] = [
    "DCGM_FI_DEV_GPU_UTIL", "DCGM_FI_DEV_FB_USED", "DCGM_FI_DEV_FB_FREE", "DCGM_FI_DEV_POWER_USAGE",
    "DCGM_FI_DEV_GPU_TEMP",
  ].map { MetricsQuery(id: $0, profile: .dcgm, expression: $0, mapping: .gauge($0)) }

  /// LiteLLM's names; `or` picks whichever of the renamed token counters the server has.
  static let liteLLM: [MetricsQuery] =
    [
      MetricsQuery(
        id: "litellm_input_tokens", profile: .litellm,
        expression: sumRate("litellm_input_tokens_metric_total", by: "requested_model") + " or "
          + sumRate("litellm_input_tokens_total", by: "requested_model"),
        mapping: .rate(.modelTokensIn, labels: ["requested_model"])),
      MetricsQuery(
        id: "litellm_output_tokens", profile: .litellm,
        expression: sumRate("litellm_output_tokens_metric_total", by: "requested_model") + " or "
          + sumRate("litellm_output_tokens_total", by: "requested_model"),
        mapping: .rate(.modelTokensOut, labels: ["requested_model"])),
      MetricsQuery(
        id: "litellm_requests", profile: .litellm,
        expression: sumRate("litellm_proxy_total_requests_metric_total", by: "requested_model"),
        mapping: .rate(.modelRequests, labels: ["requested_model"])),
      MetricsQuery(
        id: "litellm_errors", profile: .litellm,
        expression: sumRate("litellm_proxy_failed_requests_metric_total", by: "requested_model"),
        mapping: .rate(.modelErrors, labels: ["requested_model"])),
      MetricsQuery(
        id: "litellm_rate_limited", profile: .litellm,
        expression: sumRate(
          "litellm_proxy_failed_requests_metric_total", by: "requested_model", filter: "{exception_status=\"429\"}"),
        mapping: .rate(.modelRateLimited, labels: ["requested_model"])),
    ]
    + latency(
      "litellm_latency", .litellm, "litellm_request_total_latency_metric", .modelLatency, by: "requested_model")
    + latency(
      "litellm_ttft", .litellm, "litellm_llm_api_time_to_first_token_metric", .modelTimeToFirstToken, by: "model",
      quantiles: [0.5])
}
