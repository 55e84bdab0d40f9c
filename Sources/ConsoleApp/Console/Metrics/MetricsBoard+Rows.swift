extension MetricsBoard {
  /// One row per model, by name.
  var modelRows: [ModelMetricsRow] {
    var models = Set<String>()
    var podsByModel: [String: [String]] = [:]
    for source in sources {
      for key in source.rates.keys where Self.modelSignals.contains(key.signal) { models.insert(key.subject) }
      for key in source.quantiles.keys where Self.modelSignals.contains(key.signal) { models.insert(key.subject) }
      for (subject, pod) in source.pods where !pod.model.isEmpty {
        models.insert(pod.model)
        podsByModel[pod.model, default: []].append(subject)
      }
    }
    models.remove("")
    return models.sorted().map { modelRow($0, pods: (podsByModel[$0] ?? []).sorted()) }
  }

  /// One row per route, by name.
  var routeRows: [RouteMetricsRow] {
    var routes = Set<String>()
    var models: [String: Set<String>] = [:]
    for source in sources {
      for key in source.rates.keys where Self.routeSignals.contains(key.signal) { routes.insert(key.subject) }
      models.merge(source.routeModels) { $0.union($1) }
    }
    routes.remove("")
    return routes.sorted().map { route in
      let requests = rate(.routeRequests, route)
      let hits = rate(.routeCacheHits, route)
      return RouteMetricsRow(
        route: route, models: (models[route] ?? []).sorted(), requestsPerSecond: requests,
        requestsHistory: history(.routeRequests, route), errorsPerSecond: rate(.routeErrors, route),
        errorsHistory: history(.routeErrors, route),
        rateLimitedPerSecond: rate(.routeRateLimited, route),
        cacheHitRatio: requests.flatMap { $0 > 0 ? (hits ?? 0) / $0 : nil })
    }
  }

  /// The GPUs grouped by node, nodes by name and GPUs by index.
  var gpuGroups: [GPUNodeGroup] {
    let all = sources.flatMap(\.gpus)
    return Dictionary(grouping: all, by: \.node).keys.sorted().map { node in
      let gpus = all.filter { $0.node == node }.sorted {
        (Int($0.index) ?? .max, $0.index, $0.uuid) < (Int($1.index) ?? .max, $1.index, $1.uuid)
      }
      return GPUNodeGroup(node: node, gpus: gpus)
    }
  }

  /// Input plus output tokens per second of `model`, for the resource list; nil when unknown.
  func tokensPerSecond(model: String) -> Double? {
    let row = modelRow(model, pods: podSubjects(model: model))
    return Self.sum(row.tokensInPerSecond, row.tokensOutPerSecond)
  }

  /// Input plus output tokens per second of one engine pod (vLLM's counters).
  func tokensPerSecond(namespace: String, pod: String) -> Double? {
    let subject = "\(namespace)/\(pod)"
    return Self.sum(rate(.podTokensIn, subject), rate(.podTokensOut, subject))
  }

  /// Mean utilisation (percent) of the GPUs `namespace/pod` holds; nil when it holds none known.
  func gpuUtilisation(namespace: String, pod: String) -> Double? {
    let subject = "\(namespace)/\(pod)"
    let values = sources.flatMap { source in
      (source.gpusByPod[subject] ?? []).compactMap { source.gpus[$0].utilisation }
    }
    return values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
  }

  /// Mean utilisation (percent) of the GPUs of `node`.
  func gpuUtilisation(node: String) -> Double? {
    let values = sources.flatMap { $0.gpus.filter { $0.node == node }.compactMap(\.utilisation) }
    return values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
  }

  /// The vLLM gauges of one engine pod (running, waiting, KV-cache usage).
  func podGauges(namespace: String, pod: String) -> PodGauges? {
    sources.lazy.compactMap { $0.pods["\(namespace)/\(pod)"] }.first
  }

  /// The rate of `signal` for `subject` summed over sources; nil when no source knows it.
  func rate(_ signal: MetricsKey.Signal, _ subject: String) -> Double? {
    let key = MetricsKey(signal, subject)
    return sources.reduce(nil as Double?) { Self.sum($0, $1.rates[key]?.current) }
  }

  /// The recent rates of `signal` for `subject`, summed over sources aligned at the newest.
  func history(_ signal: MetricsKey.Signal, _ subject: String) -> [Double] {
    let key = MetricsKey(signal, subject)
    return sources.compactMap { $0.rates[key]?.history }.reduce([]) { Self.addAligned($0, $1) }
  }

  static let modelSignals: Set<MetricsKey.Signal> = [
    .modelTokensIn, .modelTokensOut, .modelRequests, .modelErrors, .modelRateLimited, .modelLatency,
    .modelTimeToFirstToken, .engineLatency, .engineTimeToFirstToken,
  ]
  static let routeSignals: Set<MetricsKey.Signal> = [.routeRequests, .routeErrors, .routeRateLimited, .routeCacheHits]

  private func modelRow(_ model: String, pods: [String]) -> ModelMetricsRow {
    let gatewayTokens = has(.modelTokensIn, model) || has(.modelTokensOut, model)
    var row = ModelMetricsRow(
      model: model, requestsPerSecond: rate(.modelRequests, model), errorsPerSecond: rate(.modelErrors, model),
      rateLimitedPerSecond: rate(.modelRateLimited, model),
      latency: quantiles(.modelLatency, model) ?? quantiles(.engineLatency, model),
      timeToFirstTokenP50: (quantiles(.modelTimeToFirstToken, model) ?? quantiles(.engineTimeToFirstToken, model))?
        .p50, pods: pods)
    row.errorsHistory = history(.modelErrors, model)
    row.latencyP99History =
      quantiles(.modelLatency, model) != nil ? p99History(.modelLatency, model) : p99History(.engineLatency, model)
    if gatewayTokens {
      (row.tokensInPerSecond, row.tokensInHistory) = (rate(.modelTokensIn, model), history(.modelTokensIn, model))
      (row.tokensOutPerSecond, row.tokensOutHistory) = (rate(.modelTokensOut, model), history(.modelTokensOut, model))
    } else {
      // Without a gateway, the engines' own counters are the model's traffic.
      row.tokensInPerSecond = pods.reduce(nil as Double?) { Self.sum($0, rate(.podTokensIn, $1)) }
      row.tokensOutPerSecond = pods.reduce(nil as Double?) { Self.sum($0, rate(.podTokensOut, $1)) }
      row.tokensInHistory = pods.map { history(.podTokensIn, $0) }.reduce([], Self.addAligned)
      row.tokensOutHistory = pods.map { history(.podTokensOut, $0) }.reduce([], Self.addAligned)
    }
    return row
  }

  /// The recent p99s of `signal` for `subject`: the first source's that knows it, as the
  /// quantiles shown are (quantiles of two sources do not add).
  func p99History(_ signal: MetricsKey.Signal, _ subject: String) -> [Double] {
    let key = MetricsKey(signal, subject)
    return sources.lazy.compactMap { $0.quantiles[key] != nil ? $0.p99History[key] : nil }.first ?? []
  }

  private func has(_ signal: MetricsKey.Signal, _ subject: String) -> Bool {
    sources.contains { $0.rates[MetricsKey(signal, subject)] != nil }
  }

  func quantiles(_ signal: MetricsKey.Signal, _ subject: String) -> LatencyQuantiles? {
    sources.lazy.compactMap { $0.quantiles[MetricsKey(signal, subject)] }.first
  }

  private func podSubjects(model: String) -> [String] {
    sources.flatMap { $0.pods.filter { $0.value.model == model }.keys }
  }

  static func sum(_ left: Double?, _ right: Double?) -> Double? {
    guard let left else { return right }
    guard let right else { return left }
    return left + right
  }

  /// Element-wise sum of two histories whose newest values line up.
  static func addAligned(_ left: [Double], _ right: [Double]) -> [Double] {
    let (long, short) = left.count >= right.count ? (left, right) : (right, left)
    var result = long
    let offset = long.count - short.count
    for (index, value) in short.enumerated() { result[offset + index] += value }
    return result
  }
}
