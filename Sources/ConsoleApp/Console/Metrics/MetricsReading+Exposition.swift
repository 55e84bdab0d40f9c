import ClusterClient

extension MetricsReading {
  /// What a scrape's families say, through the profiles of the names they contain.
  init(families: [MetricFamily]) {
    var builder = MetricsReadingBuilder()
    builder.addProfiles(MetricsProfile.detect(families))
    for family in families {
      if family.type == .histogram, let latency = Self.latencyHistograms[family.name] {
        for histogram in family.histograms {
          if let subject = latency.subject(histogram.labels) {
            builder.histogram(MetricsKey(latency.signal, subject), family: family.name, histogram)
          }
          if let signal = latency.poolSignal, let pool = MetricsKey.poolSubject(histogram.labels) {
            builder.histogram(MetricsKey(signal, pool), family: family.name, histogram)
          }
        }
      }
      for sample in family.samples {
        Self.read(sample, into: &builder)
      }
    }
    self = builder.build()
  }

  /// A latency histogram the profiles read, and the label naming its model.
  struct LatencyHistogram: Sendable {
    /// The normalized series.
    var signal: MetricsKey.Signal
    /// The labels naming the model, the first present winning.
    var modelLabels: [String]
    /// The per-pool series it also feeds, where it carries the gateway's pool labels.
    var poolSignal: MetricsKey.Signal? = nil

    /// The model of a series.
    func subject(_ labels: [MetricLabel]) -> String? {
      modelLabels.lazy.compactMap { MetricsReadingBuilder.label(labels, $0) }.first { !$0.isEmpty }
    }
  }

  /// The histograms per family name: genai and LiteLLM at the gateway, vLLM at the engine.
  static let latencyHistograms: [String: LatencyHistogram] = [
    "gen_ai_server_request_duration": LatencyHistogram(
      signal: .modelLatency, modelLabels: ["gen_ai_request_model"], poolSignal: .poolLatency),
    "gen_ai_server_time_to_first_token": LatencyHistogram(
      signal: .modelTimeToFirstToken, modelLabels: ["gen_ai_request_model"], poolSignal: .poolTimeToFirstToken),
    "litellm_request_total_latency_metric": LatencyHistogram(
      signal: .modelLatency, modelLabels: ["requested_model", "model"]),
    "litellm_llm_api_time_to_first_token_metric": LatencyHistogram(
      signal: .modelTimeToFirstToken, modelLabels: ["requested_model", "model"]),
    "vllm:e2e_request_latency_seconds": LatencyHistogram(signal: .engineLatency, modelLabels: ["model_name"]),
    "vllm:time_to_first_token_seconds": LatencyHistogram(signal: .engineTimeToFirstToken, modelLabels: ["model_name"]),
  ]

  private static func read(_ sample: MetricSample, into builder: inout MetricsReadingBuilder) {
    switch MetricsProfile.of(name: sample.name) {
    case .genai: readGenAI(sample, into: &builder)
    case .litellm: readLiteLLM(sample, into: &builder)
    case .vllm: readVLLM(sample, into: &builder)
    case .dcgm: builder.gauge(sample.name, labels: sample.labels, value: sample.value)
    case nil: readGatewayRoutes(sample, into: &builder)
    }
  }

  private static func readGenAI(_ sample: MetricSample, into builder: inout MetricsReadingBuilder) {
    guard sample.name == "gen_ai_client_token_usage_sum", let model = sample.label("gen_ai_request_model") else {
      return
    }
    let pool = MetricsKey.poolSubject(sample.labels)
    switch sample.label("gen_ai_token_type") {
    case "input":
      builder.counter(MetricsKey(.modelTokensIn, model), sample)
      if let pool { builder.counter(MetricsKey(.poolTokensIn, pool), sample) }
    case "output":
      builder.counter(MetricsKey(.modelTokensOut, model), sample)
      if let pool { builder.counter(MetricsKey(.poolTokensOut, pool), sample) }
    default: break
    }
  }

  /// The per-route counters our gateway adds to the GenAI names.
  private static func readGatewayRoutes(_ sample: MetricSample, into builder: inout MetricsReadingBuilder) {
    let route = sample.label("route") ?? ""
    let model = sample.label("model") ?? ""
    switch sample.name {
    case "aiconsole_gateway_requests_total":
      builder.counter(MetricsKey(.routeRequests, route), sample)
      builder.counter(MetricsKey(.modelRequests, model), sample)
      builder.route(route, servesModel: model)
      if let pool = MetricsKey.poolSubject(sample.labels) {
        builder.counter(MetricsKey(.poolRequests, pool), sample)
        // The analysis counts 5xx answers as the pool's errors; a 4xx is the client's.
        if sample.label("code")?.hasPrefix("5") == true { builder.counter(MetricsKey(.poolServerErrors, pool), sample) }
      }
    case "aiconsole_gateway_errors_total":
      builder.counter(MetricsKey(.routeErrors, route), sample)
      builder.counter(MetricsKey(.modelErrors, model), sample)
      if sample.label("reason") == "rate_limited" { builder.counter(MetricsKey(.modelRateLimited, model), sample) }
    case "aiconsole_gateway_rate_limited_total": builder.counter(MetricsKey(.routeRateLimited, route), sample)
    case "aiconsole_gateway_cache_hits_total": builder.counter(MetricsKey(.routeCacheHits, route), sample)
    default: break
    }
  }

  /// LiteLLM renamed its token counters (`litellm_input_tokens` became
  /// `litellm_input_tokens_metric`); both spellings are read.
  private static func readLiteLLM(_ sample: MetricSample, into builder: inout MetricsReadingBuilder) {
    let model = sample.label("requested_model").flatMap { $0.isEmpty ? nil : $0 } ?? sample.label("model") ?? ""
    switch sample.name {
    case "litellm_input_tokens_metric_total", "litellm_input_tokens_total":
      builder.counter(MetricsKey(.modelTokensIn, model), sample)
    case "litellm_output_tokens_metric_total", "litellm_output_tokens_total":
      builder.counter(MetricsKey(.modelTokensOut, model), sample)
    case "litellm_proxy_total_requests_metric_total": builder.counter(MetricsKey(.modelRequests, model), sample)
    case "litellm_proxy_failed_requests_metric_total":
      builder.counter(MetricsKey(.modelErrors, model), sample)
      if sample.label("exception_status") == "429" { builder.counter(MetricsKey(.modelRateLimited, model), sample) }
    default: break
    }
  }

  private static func readVLLM(_ sample: MetricSample, into builder: inout MetricsReadingBuilder) {
    let subject = MetricsReadingBuilder.podSubject(sample.labels)
    switch sample.name {
    case "vllm:prompt_tokens_total":
      builder.pod(sample.labels)
      builder.counter(MetricsKey(.podTokensIn, subject), sample)
    case "vllm:generation_tokens_total":
      builder.pod(sample.labels)
      builder.counter(MetricsKey(.podTokensOut, subject), sample)
    default: builder.gauge(sample.name, labels: sample.labels, value: sample.value)
    }
  }
}
