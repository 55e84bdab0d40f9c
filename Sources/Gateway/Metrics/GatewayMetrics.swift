import Prometheus
import Synchronization

/// The gateway's metrics, in the names Envoy AI Gateway exposes to Prometheus for the
/// OpenTelemetry GenAI semantic conventions, so dashboards built for it work unchanged:
///
/// * `gen_ai_client_token_usage{gen_ai_request_model, gen_ai_token_type=input|output,
///   gen_ai_operation_name=chat|text_completion, gen_ai_system="aiconsole"}`, a histogram in tokens;
/// * `gen_ai_server_request_duration`, `gen_ai_server_time_to_first_token` and
///   `gen_ai_server_time_per_output_token`, histograms in seconds with the same labels but the
///   token type;
/// * per route: `aiconsole_gateway_requests_total{route,model,code}`,
///   `aiconsole_gateway_errors_total{route,model,reason}`,
///   `aiconsole_gateway_rate_limited_total{route,limit=requests|tokens}` and
///   `aiconsole_gateway_cache_hits_total{route}`;
/// * on every one of them, the pool that served the request (`ServingPool`):
///   `service_namespace`, `inference_service`, `pool=stable|canary` and `model_deployment`,
///   empty where the request reached no pool (docs/gateway.md lists them per metric).
///
/// The bucket boundaries are the ones the semantic conventions recommend
/// (https://opentelemetry.io/docs/specs/semconv/gen-ai/gen-ai-metrics/, "Semantic Conventions
/// for Generative AI Metrics"); the Prometheus names are those of Envoy AI Gateway's metrics
/// guide (https://aigateway.envoyproxy.io/docs/capabilities/observability/metrics), which
/// exports `gen_ai.client.token.usage` as `gen_ai_client_token_usage` and so on.
///
/// A cache hit counts its tokens like a served request: the client's `usage` reports them, and
/// the token totals must equal the sum of `usage` the clients received.
public final class GatewayMetrics: Sendable {
  /// `gen_ai.operation.name`.
  public enum Operation: String, Sendable {
    case chat
    case textCompletion = "text_completion"

    /// The operation of an OpenAI endpoint.
    public init(_ endpoint: InferenceRequest.Endpoint) {
      self = endpoint == .chat ? .chat : .textCompletion
    }
  }

  /// Which rate limit refused a request.
  public enum Limit: String, Sendable {
    case requests
    case tokens
  }

  /// `gen_ai.system`.
  public static let system = "aiconsole"
  static let tokenBuckets: [Double] = [
    1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262_144, 1_048_576, 4_194_304, 16_777_216, 67_108_864,
  ]
  static let durationBuckets: [Double] = [
    0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92,
  ]
  static let timeToFirstTokenBuckets: [Double] = [
    0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0,
  ]
  static let timePerOutputTokenBuckets: [Double] = [
    0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1.0, 2.5,
  ]

  public let registry: PrometheusCollectorRegistry

  /// A metric of one name and label values: the registry's handles, kept so that a request
  /// finds its handles by one hash instead of the registry validating the names and help text
  /// and building its label key again for each of its five or six metrics.
  struct HandleKey: Hashable {
    var name: String
    var values: [String]
  }
  private let counters = Mutex<[HandleKey: Counter]>([:])
  private let histograms = Mutex<[HandleKey: ValueHistogram]>([:])

  /// Metrics in `registry` (its own by default).
  public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
    self.registry = registry
  }

  /// The Prometheus text exposition of every metric.
  public func exposition() -> [UInt8] {
    var buffer: [UInt8] = []
    registry.emit(into: &buffer)
    return buffer
  }

  /// A request answered by an instance. `timeToFirstToken` is nil when no token came; the time
  /// per output token is recorded only for completions of two tokens or more, as the
  /// conventions define it over the tokens after the first.
  public func served(
    route: String, model: String, operation: Operation, promptTokens: Int, completionTokens: Int,
    duration: Duration, timeToFirstToken: Duration?, status: Int = 200, pool: ServingPool = .none
  ) {
    let series = served(ServedKey(route: route, model: model, operation: operation, code: status, pool: pool))
    record(
      series, promptTokens: promptTokens, completionTokens: completionTokens, duration: duration,
      timeToFirstToken: timeToFirstToken)
  }

  /// A request answered by an instance of the route × pool whose handles `slot` keeps.
  func served(_ record: AccessRecord, operation: Operation, slot: MetricsSlot) {
    let series = slot.series(operation, of: self) {
      served(ServedKey(route: record.route, model: record.model, operation: operation, code: 200, pool: record.pool))
    }
    self.record(
      series, promptTokens: record.promptTokens, completionTokens: record.completionTokens, duration: record.duration,
      timeToFirstToken: record.timeToFirstToken)
  }

  private func record(
    _ series: ServedSeries, promptTokens: Int, completionTokens: Int, duration: Duration, timeToFirstToken: Duration?
  ) {
    series.requests.increment()
    series.inputTokens.record(Double(promptTokens))
    series.outputTokens.record(Double(completionTokens))
    series.duration.record(Self.seconds(duration))
    guard let timeToFirstToken else { return }
    series.timeToFirstToken.record(Self.seconds(timeToFirstToken))
    guard completionTokens > 1 else { return }
    series.timePerOutputToken.record(Self.seconds(duration - timeToFirstToken) / Double(completionTokens - 1))
  }

  /// The series a served request of one route, model, operation, status and pool counts in.
  struct ServedKey: Hashable {
    var route: String
    var model: String
    var operation: Operation
    var code: Int
    var pool: ServingPool
  }

  /// The handles of every series a served request counts in, found together by one hash and
  /// one lock: a request used to build, hash and look up seven label sets for six metrics,
  /// under two locks each.
  struct ServedSeries {
    var requests: Counter
    var inputTokens: ValueHistogram
    var outputTokens: ValueHistogram
    var duration: ValueHistogram
    var timeToFirstToken: ValueHistogram
    var timePerOutputToken: ValueHistogram
  }
  private let servedSeries = Mutex<[ServedKey: ServedSeries]>([:])

  private func served(_ key: ServedKey) -> ServedSeries {
    if let known = servedSeries.withLock({ $0[key] }) { return known }
    let labels = genAILabels(model: key.model, operation: key.operation, pool: key.pool)
    let made = ServedSeries(
      requests: counter(
        "aiconsole_gateway_requests_total",
        [("route", key.route), ("model", key.model), ("code", String(key.code))] + key.pool.labels),
      inputTokens: histogram("gen_ai_client_token_usage", Self.tokenBuckets, labels + [("gen_ai_token_type", "input")]),
      outputTokens: histogram(
        "gen_ai_client_token_usage", Self.tokenBuckets, labels + [("gen_ai_token_type", "output")]),
      duration: histogram("gen_ai_server_request_duration", Self.durationBuckets, labels),
      timeToFirstToken: histogram("gen_ai_server_time_to_first_token", Self.timeToFirstTokenBuckets, labels),
      timePerOutputToken: histogram("gen_ai_server_time_per_output_token", Self.timePerOutputTokenBuckets, labels))
    servedSeries.withLock { $0[key] = made }
    return made
  }

  /// A request that failed with `status` for `reason` (a short word: `no_instance`, `auth`,
  /// `context`, `timeout`, `backend`, …).
  public func failed(route: String, model: String, reason: String, status: Int, pool: ServingPool = .none) {
    requests(route: route, model: model, code: status, pool: pool)
    counter("aiconsole_gateway_errors_total", [("route", route), ("model", model), ("reason", reason)] + pool.labels)
      .increment()
  }

  /// A request refused with 429 by a rate limit; also counted as a request and an error
  /// (`reason="rate_limited"`), so the serving side calls only this.
  public func rateLimited(route: String, model: String, limit: Limit, pool: ServingPool = .none) {
    counter("aiconsole_gateway_rate_limited_total", [("route", route), ("limit", limit.rawValue)] + pool.labels)
      .increment()
    failed(route: route, model: model, reason: "rate_limited", status: 429, pool: pool)
  }

  /// A request answered from the cache: a request (200), a cache hit and the tokens of the
  /// `usage` it returned; no duration, which would describe the cache rather than a model.
  public func cacheHit(
    route: String, model: String, operation: Operation, promptTokens: Int, completionTokens: Int,
    pool: ServingPool = .none
  ) {
    counter("aiconsole_gateway_cache_hits_total", [("route", route)] + pool.labels).increment()
    requests(route: route, model: model, code: 200, pool: pool)
    tokens(
      model: model, operation: operation, promptTokens: promptTokens, completionTokens: completionTokens, pool: pool)
  }

  private func requests(route: String, model: String, code: Int, pool: ServingPool) {
    counter(
      "aiconsole_gateway_requests_total", [("route", route), ("model", model), ("code", String(code))] + pool.labels
    )
    .increment()
  }

  private func tokens(
    model: String, operation: Operation, promptTokens: Int, completionTokens: Int, pool: ServingPool
  ) {
    let labels = genAILabels(model: model, operation: operation, pool: pool)
    histogram("gen_ai_client_token_usage", Self.tokenBuckets, labels + [("gen_ai_token_type", "input")])
      .record(Double(promptTokens))
    histogram("gen_ai_client_token_usage", Self.tokenBuckets, labels + [("gen_ai_token_type", "output")])
      .record(Double(completionTokens))
  }

  private func genAILabels(model: String, operation: Operation, pool: ServingPool) -> [(String, String)] {
    [("gen_ai_request_model", model), ("gen_ai_operation_name", operation.rawValue), ("gen_ai_system", Self.system)]
      + pool.labels
  }

  /// The label names of a metric never change, so its label values tell its handles apart. The
  /// cache holds no more series than the registry does; two requests that make the same one at
  /// once get the same handle from the registry.
  private func counter(_ name: String, _ labels: [(String, String)]) -> Counter {
    let key = HandleKey(name: name, values: labels.map(\.1))
    if let known = counters.withLock({ $0[key] }) { return known }
    let made = registry.makeCounter(
      descriptor: MetricNameDescriptor(metricName: name, unitName: "", helpText: Self.help[name] ?? ""),
      labels: labels)
    counters.withLock { $0[key] = made }
    return made
  }

  private func histogram(_ name: String, _ buckets: [Double], _ labels: [(String, String)]) -> ValueHistogram {
    let key = HandleKey(name: name, values: labels.map(\.1))
    if let known = histograms.withLock({ $0[key] }) { return known }
    let made = registry.makeValueHistogram(
      descriptor: MetricNameDescriptor(metricName: name, unitName: "", helpText: Self.help[name] ?? ""),
      labels: labels, buckets: buckets)
    histograms.withLock { $0[key] = made }
    return made
  }

  static let help: [String: String] = [
    "gen_ai_client_token_usage": "Number of tokens processed.",
    "gen_ai_server_request_duration": "Time spent on requests, from their arrival to their last byte, in seconds.",
    "gen_ai_server_time_to_first_token": "Time to generate the first token, in seconds.",
    "gen_ai_server_time_per_output_token": "Time per output token after the first, in seconds.",
    "aiconsole_gateway_requests_total": "Requests answered by the gateway, by route, model and HTTP status.",
    "aiconsole_gateway_errors_total": "Requests the gateway answered with an error, by route, model and reason.",
    "aiconsole_gateway_rate_limited_total": "Requests refused by a route's rate limit, by limit.",
    "aiconsole_gateway_cache_hits_total": "Requests answered from a route's cache.",
  ]

  static func seconds(_ duration: Duration) -> Double {
    let (seconds, attoseconds) = duration.components
    return Double(seconds) + Double(attoseconds) / 1e18
  }
}
