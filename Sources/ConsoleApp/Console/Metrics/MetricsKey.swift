import ClusterClient

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
    /// Gateway series per InferenceService pool (the `pool` labels); the subject is
    /// `poolSubject(...)`. Server errors are the 5xx answers, as the canary analysis counts them.
    case poolRequests, poolServerErrors, poolTokensIn, poolTokensOut, poolLatency, poolTimeToFirstToken
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

  /// The subject of one pool's series: `namespace/service/pool/deployment` (none of the four
  /// may hold a `/`, as they are object names and a fixed word), so a ModelDeployment that a
  /// promotion replaced keeps its own series.
  static func poolSubject(namespace: String, service: String, pool: String, deployment: String) -> String {
    "\(namespace)/\(service)/\(pool)/\(deployment)"
  }

  /// The labels the gateway names a request's pool with, in the order of a pool subject.
  static let poolLabels = ["service_namespace", "inference_service", "pool", "model_deployment"]

  /// The pool subject of a series carrying the gateway's pool labels; nil when it reached no pool.
  static func poolSubject(_ labels: [MetricLabel]) -> String? {
    let value = { (name: String) in MetricsReadingBuilder.label(labels, name) ?? "" }
    guard !value("pool").isEmpty, !value("inference_service").isEmpty else { return nil }
    return poolSubject(
      namespace: value("service_namespace"), service: value("inference_service"), pool: value("pool"),
      deployment: value("model_deployment"))
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
