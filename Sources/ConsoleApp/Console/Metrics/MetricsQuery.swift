/// One PromQL instant query the feed sends a Prometheus server, and how its result maps onto the
/// board. The table is data, per profile, so a product's renamed metric is one line here.
struct MetricsQuery: Sendable {
  /// How the result's series become board series.
  enum Mapping: Sendable {
    /// A rate per subject, the subject being the first present of `labels`.
    case rate(MetricsKey.Signal, labels: [String])
    /// GenAI token rates by `gen_ai_request_model` and `gen_ai_token_type`.
    case genAITokens
    /// Gateway request rates by `route` and `model`.
    case gatewayRequests
    /// Gateway error rates by `route`, `model` and `reason`.
    case gatewayErrors
    /// vLLM token rates per pod.
    case podRate(MetricsKey.Signal)
    /// A quantile per model.
    case quantile(MetricsKey.Signal, Double, labels: [String])
    /// A raw gauge, read as a scrape would read it.
    case gauge(String)
    /// A rate per InferenceService pool (`MetricsKey.poolLabels`).
    case poolRate(MetricsKey.Signal)
    /// GenAI token rates per pool, by `gen_ai_token_type`.
    case poolTokens
    /// A quantile per pool.
    case poolQuantile(MetricsKey.Signal, Double)
  }

  /// A short unique name, the key of the results.
  var id: String
  /// The profile it belongs to; only detected profiles are queried.
  var profile: MetricsProfile
  /// The PromQL.
  var expression: String
  /// How the result is read.
  var mapping: Mapping

  /// The range of `rate()`: four scrapes at Prometheus' usual 15 s interval.
  static let range = "1m"

  /// One query that tells which profiles the server has data for, cheaply: it counts series of a
  /// few telltale names, one per product (and LiteLLM's old and new token names).
  static let detection = MetricsQuery(
    id: "detect", profile: .genai,
    expression: "count by (__name__) ({__name__=~\"" + detectionNames.joined(separator: "|") + "\"})",
    mapping: .gauge(""))

  static let detectionNames = [
    "gen_ai_client_token_usage_sum", "aiconsole_gateway_requests_total", "vllm:prompt_tokens_total",
    "vllm:num_requests_running", "DCGM_FI_DEV_GPU_UTIL", "litellm_input_tokens_metric_total",
    "litellm_input_tokens_total", "litellm_proxy_total_requests_metric_total",
  ]

  /// The profile a name returned by the detection query belongs to.
  static func profile(ofDetected name: String) -> MetricsProfile? {
    name.hasPrefix("aiconsole_gateway_") ? .genai : MetricsProfile.of(name: name)
  }

  /// `sum by (labels) (rate(name[range]))`.
  static func sumRate(_ name: String, by labels: String, filter: String = "") -> String {
    "sum by (\(labels)) (rate(\(name)\(filter)[\(range)]))"
  }

  /// `histogram_quantile(q, sum by (labels, le) (rate(name_bucket[range])))`.
  static func quantile(_ q: Double, _ name: String, by labels: String, filter: String = "") -> String {
    "histogram_quantile(\(q), " + sumRate(name + "_bucket", by: labels + ", le", filter: filter) + ")"
  }

  /// The queries of `profiles`.
  static func queries(for profiles: Set<MetricsProfile>) -> [MetricsQuery] {
    all.filter { profiles.contains($0.profile) }
  }

  /// Every query, in the order of the profiles.
  static let all: [MetricsQuery] = genAI + pools + vllm + dcgm + liteLLM
}
