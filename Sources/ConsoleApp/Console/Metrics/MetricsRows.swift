/// One model's line in the metrics pane: gateway numbers where a gateway reports the model,
/// its engine pods' numbers (vLLM) where not.
struct ModelMetricsRow: Hashable, Sendable {
  /// The model name.
  var model: String
  /// Input (prompt) tokens per second.
  var tokensInPerSecond: Double?
  /// Output (generated) tokens per second.
  var tokensOutPerSecond: Double?
  /// Recent input token rates, oldest first.
  var tokensInHistory: [Double] = []
  /// Recent output token rates, oldest first.
  var tokensOutHistory: [Double] = []
  /// Requests per second.
  var requestsPerSecond: Double?
  /// Failed requests per second.
  var errorsPerSecond: Double?
  /// Recent failed requests per second, oldest first.
  var errorsHistory: [Double] = []
  /// Requests refused by rate limits per second.
  var rateLimitedPerSecond: Double?
  /// End-to-end latency quantiles, seconds.
  var latency: LatencyQuantiles?
  /// Recent p99 latencies, seconds, oldest first.
  var latencyP99History: [Double] = []
  /// Median time to first token, seconds.
  var timeToFirstTokenP50: Double?
  /// The engine pods (`namespace/pod`) serving it.
  var pods: [String] = []
}

/// One route's line in the metrics pane.
struct RouteMetricsRow: Hashable, Sendable {
  /// The route name.
  var route: String
  /// The models it sent requests to.
  var models: [String]
  /// Requests per second.
  var requestsPerSecond: Double?
  /// Recent request rates, oldest first.
  var requestsHistory: [Double] = []
  /// Failed requests per second.
  var errorsPerSecond: Double?
  /// Recent failed requests per second, oldest first.
  var errorsHistory: [Double] = []
  /// Requests refused by rate limits per second.
  var rateLimitedPerSecond: Double?
  /// Cache hits over requests, 0...1; nil without requests.
  var cacheHitRatio: Double?
}

/// One pool of an InferenceService in the stable-vs-canary table: the gateway's requests that
/// pool served (labels `inference_service`, `pool`, `model_deployment`).
struct PoolMetricsRow: Hashable, Sendable {
  /// `stable` or `canary`.
  var pool: String
  /// The ModelDeployment the pool runs.
  var deployment: String
  /// Requests per second.
  var requestsPerSecond: Double?
  /// Recent request rates, oldest first.
  var requestsHistory: [Double] = []
  /// 5xx answers over requests, 0...1; nil without requests.
  var errorRatio: Double?
  /// Recent error ratios, oldest first.
  var errorRatioHistory: [Double] = []
  /// Request duration quantiles, seconds.
  var latency: LatencyQuantiles?
  /// Recent p99 durations, seconds, oldest first.
  var latencyP99History: [Double] = []
  /// The p99 time to first token, seconds (the figure `maxTimeToFirstToken` checks).
  var timeToFirstTokenP99: Double?
  /// Input plus output tokens per second.
  var tokensPerSecond: Double?
}

/// The GPUs of one node, for the pane's grouping.
struct GPUNodeGroup: Hashable, Sendable {
  /// The node name.
  var node: String
  /// Its GPUs by index.
  var gpus: [GPUMetricsRow]

  /// Mean utilisation of the GPUs that report it.
  var averageUtilisation: Double? {
    let known = gpus.compactMap(\.utilisation)
    return known.isEmpty ? nil : known.reduce(0, +) / Double(known.count)
  }
}
