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
  /// Requests refused by rate limits per second.
  var rateLimitedPerSecond: Double?
  /// End-to-end latency quantiles, seconds.
  var latency: LatencyQuantiles?
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
  /// Requests refused by rate limits per second.
  var rateLimitedPerSecond: Double?
  /// Cache hits over requests, 0...1; nil without requests.
  var cacheHitRatio: Double?
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
