/// A normalized series on the board: what is measured and of what (a model, a route or a pod),
/// whichever product's names it was read from.
struct MetricsKey: Hashable, Sendable {
  /// What is measured.
  enum Signal: Hashable, Sendable {
    /// Gateway (genai/litellm) counters per model.
    case modelTokensIn, modelTokensOut, modelRequests, modelErrors, modelRateLimited
    /// Gateway counters per route.
    case routeRequests, routeErrors, routeRateLimited, routeCacheHits
    /// Engine (vLLM) token counters per pod; the subject is `namespace/pod`.
    case podTokensIn, podTokensOut
    /// Latency histograms per model, at the gateway and at the engine.
    case modelLatency, modelTimeToFirstToken, engineLatency, engineTimeToFirstToken
  }

  /// What is measured.
  var signal: Signal
  /// The model, route or `namespace/pod` it is measured for.
  var subject: String

  /// A key.
  init(_ signal: Signal, _ subject: String) {
    self.signal = signal
    self.subject = subject
  }
}

/// The quantiles the pane shows for a latency histogram, in seconds; NaN when the window held no
/// observation.
struct LatencyQuantiles: Hashable, Sendable {
  /// The median.
  var p50: Double = .nan
  /// The 95th percentile.
  var p95: Double = .nan
  /// The 99th percentile.
  var p99: Double = .nan
}
