import ClusterClient

extension MetricsReading {
  /// What a round of PromQL queries says: each result read through its query's mapping.
  init(queryResults: [String: [PrometheusInstantSample]], profiles: Set<MetricsProfile>) {
    var builder = MetricsReadingBuilder()
    builder.addProfiles(profiles)
    for query in MetricsQuery.all {
      guard let samples = queryResults[query.id] else { continue }
      for sample in samples where !sample.point.value.isNaN {
        Self.read(sample, mapping: query.mapping, into: &builder)
      }
    }
    self = builder.build()
  }

  private static func read(
    _ sample: PrometheusInstantSample, mapping: MetricsQuery.Mapping, into builder: inout MetricsReadingBuilder
  ) {
    let value = sample.point.value
    let label = { (name: String) in sample.label(name) ?? "" }
    switch mapping {
    case .rate(let signal, let labels):
      let subject = labels.lazy.compactMap { sample.label($0) }.first { !$0.isEmpty } ?? ""
      builder.rate(MetricsKey(signal, subject), value)
    case .genAITokens:
      switch label("gen_ai_token_type") {
      case "input": builder.rate(MetricsKey(.modelTokensIn, label("gen_ai_request_model")), value)
      case "output": builder.rate(MetricsKey(.modelTokensOut, label("gen_ai_request_model")), value)
      default: break
      }
    case .gatewayRequests:
      builder.rate(MetricsKey(.routeRequests, label("route")), value)
      builder.rate(MetricsKey(.modelRequests, label("model")), value)
      builder.route(label("route"), servesModel: label("model"))
    case .gatewayErrors:
      builder.rate(MetricsKey(.routeErrors, label("route")), value)
      builder.rate(MetricsKey(.modelErrors, label("model")), value)
      if label("reason") == "rate_limited" { builder.rate(MetricsKey(.modelRateLimited, label("model")), value) }
    case .podRate(let signal):
      builder.pod(sample.labels)
      builder.rate(MetricsKey(signal, MetricsReadingBuilder.podSubject(sample.labels)), value)
    case .quantile(let signal, let q, let labels):
      let subject = labels.lazy.compactMap { sample.label($0) }.first { !$0.isEmpty } ?? ""
      builder.quantile(MetricsKey(signal, subject), q, value)
    case .gauge(let name):
      builder.gauge(name, labels: sample.labels, value: value)
    case .poolRate(let signal):
      guard let pool = MetricsKey.poolSubject(sample.labels) else { return }
      builder.rate(MetricsKey(signal, pool), value)
    case .poolTokens:
      guard let pool = MetricsKey.poolSubject(sample.labels) else { return }
      switch label("gen_ai_token_type") {
      case "input": builder.rate(MetricsKey(.poolTokensIn, pool), value)
      case "output": builder.rate(MetricsKey(.poolTokensOut, pool), value)
      default: break
      }
    case .poolQuantile(let signal, let q):
      guard let pool = MetricsKey.poolSubject(sample.labels) else { return }
      builder.quantile(MetricsKey(signal, pool), q, value)
    }
  }
}
