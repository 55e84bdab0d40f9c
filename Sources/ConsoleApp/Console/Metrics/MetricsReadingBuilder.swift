import ClusterClient

/// Turns samples named the way each product names them into a `MetricsReading`. The gauges of
/// engine pods and GPUs read the same from a scrape and from a Prometheus query, so both paths
/// share `gauge(_:labels:value:)`; counters and histograms differ (cumulative there, rates here).
struct MetricsReadingBuilder {
  /// The reading so far.
  private(set) var reading = MetricsReading()
  private var gpuPositions: [String: Int] = [:]
  /// Whether `vllm:kv_cache_usage_perc` was seen for a pod, so the deprecated
  /// `vllm:gpu_cache_usage_perc` never overrides it whatever the order.
  private var currentKVCache: Set<String> = []

  /// An empty builder.
  init() {}

  /// The finished reading.
  func build() -> MetricsReading { reading }

  /// Notes the profiles the source exposed.
  mutating func addProfiles(_ profiles: Set<MetricsProfile>) {
    reading.profiles.formUnion(profiles)
  }

  /// Reads a gauge of the vLLM or DCGM profile; false when the name is neither's.
  @discardableResult
  mutating func gauge(_ name: String, labels: [MetricLabel], value: Double) -> Bool {
    if name.hasPrefix("DCGM_FI_DEV_") { return gpuField(name, labels: labels, value: value) }
    switch name {
    case "vllm:num_requests_running": updatePod(labels) { $0.running = value }
    case "vllm:num_requests_waiting": updatePod(labels) { $0.waiting = value }
    case "vllm:kv_cache_usage_perc":
      currentKVCache.insert(Self.podSubject(labels))
      updatePod(labels) { $0.kvCacheUsage = value }
    case "vllm:gpu_cache_usage_perc":
      guard !currentKVCache.contains(Self.podSubject(labels)) else { return true }
      updatePod(labels) { $0.kvCacheUsage = value }
    default: return false
    }
    return true
  }

  /// Adds a ready-made rate (Prometheus).
  mutating func rate(_ key: MetricsKey, _ value: Double) {
    reading.rates[key, default: 0] += value
  }

  /// Sets one quantile of a ready-made latency (Prometheus).
  mutating func quantile(_ key: MetricsKey, _ q: Double, _ value: Double) {
    var quantiles = reading.quantiles[key] ?? LatencyQuantiles()
    switch q {
    case 0.5: quantiles.p50 = value
    case 0.95: quantiles.p95 = value
    default: quantiles.p99 = value
    }
    reading.quantiles[key] = quantiles
  }

  /// Adds a cumulative counter series (scrape).
  mutating func counter(_ key: MetricsKey, _ sample: MetricSample) {
    reading.addCounter(key, sample)
  }

  /// Adds a cumulative histogram series (scrape).
  mutating func histogram(_ key: MetricsKey, family: String, _ histogram: Histogram) {
    reading.histograms.append(
      MetricsReading.HistogramSeries(
        key: key, series: MetricsReading.seriesID(family, histogram.labels), buckets: histogram.buckets))
  }

  /// Records that `route` sent requests to `model`.
  mutating func route(_ route: String, servesModel model: String) {
    reading.routeModels[route, default: []].insert(model)
  }

  /// Records the model an engine pod serves.
  mutating func pod(_ labels: [MetricLabel]) {
    updatePod(labels) { _ in }
  }

  /// `namespace/pod` when the series says which pod it is (Prometheus' relabelling or our fleet
  /// adds it); the model otherwise, for a single vLLM scraped directly.
  static func podSubject(_ labels: [MetricLabel]) -> String {
    guard let pod = label(labels, "pod"), !pod.isEmpty else { return label(labels, "model_name") ?? "" }
    return "\(label(labels, "namespace") ?? "")/\(pod)"
  }

  /// The value of label `name`.
  static func label(_ labels: [MetricLabel], _ name: String) -> String? {
    labels.first { $0.name == name }?.value
  }

  private mutating func updatePod(_ labels: [MetricLabel], _ change: (inout PodGauges) -> Void) {
    let subject = Self.podSubject(labels)
    var gauges =
      reading.pods[subject]
      ?? PodGauges(
        namespace: Self.label(labels, "namespace") ?? "", pod: Self.label(labels, "pod") ?? "",
        model: Self.label(labels, "model_name") ?? "")
    change(&gauges)
    reading.pods[subject] = gauges
  }

  private mutating func gpuField(_ name: String, labels: [MetricLabel], value: Double) -> Bool {
    let field: WritableKeyPath<GPUMetricsRow, Double?>
    switch name {
    case "DCGM_FI_DEV_GPU_UTIL": field = \.utilisation
    case "DCGM_FI_DEV_FB_USED": field = \.memoryUsedMiB
    case "DCGM_FI_DEV_FB_FREE": field = \.memoryFreeMiB
    case "DCGM_FI_DEV_POWER_USAGE": field = \.powerWatts
    case "DCGM_FI_DEV_GPU_TEMP": field = \.temperatureCelsius
    default: return false
    }
    let position = gpuPosition(labels)
    reading.gpus[position][keyPath: field] = GPUMetricsRow.reading(value)
    return true
  }

  private mutating func gpuPosition(_ labels: [MetricLabel]) -> Int {
    let node = Self.label(labels, "Hostname") ?? Self.label(labels, "hostname") ?? Self.label(labels, "instance") ?? ""
    let index = Self.label(labels, "gpu") ?? ""
    let uuid = Self.label(labels, "UUID") ?? ""
    let key = "\(node)|\(index)|\(uuid)"
    if let position = gpuPositions[key] { return position }
    reading.gpus.append(
      GPUMetricsRow(
        node: node, index: index, uuid: uuid, product: Self.label(labels, "modelName") ?? "",
        namespace: Self.label(labels, "namespace") ?? "", pod: Self.label(labels, "pod") ?? ""))
    gpuPositions[key] = reading.gpus.count - 1
    return reading.gpus.count - 1
  }
}
