import Prometheus
import Synchronization

/// The simulated fleet's metrics, under the names real exporters use so the console reads them
/// the same way from a real cluster:
///
/// * per instance, vLLM's (labels `model_name`, `namespace`, `pod`): `vllm:num_requests_running`,
///   `vllm:num_requests_waiting`, `vllm:prompt_tokens_total`, `vllm:generation_tokens_total`,
///   `vllm:kv_cache_usage_perc` and its deprecated twin `vllm:gpu_cache_usage_perc`,
///   `vllm:time_to_first_token_seconds` and `vllm:e2e_request_latency_seconds` with the buckets
///   of vLLM's `vllm/v1/metrics/loggers.py`;
/// * per GPU, the DCGM exporter's gauges with its labels (`gpu`, `UUID`, `pci_bus_id`, `device`,
///   `modelName`, `Hostname`, and `container`, `namespace`, `pod` of the holder, empty when free).
///
/// Counters and histograms are recorded as requests finish (`record`); gauges are set from
/// `InstanceLoad` by `refresh`, which the metrics endpoint calls before each scrape, and which
/// drops the series of instances that are no longer served. swift-prometheus accepts the `:` in
/// vLLM's names, as Prometheus does.
public final class FleetMetrics: Sendable {
  public let registry: PrometheusCollectorRegistry
  public let gpusPerNode: Int
  /// The label sets exported so far, so that series of departed instances and GPUs whose holder
  /// changed can be removed.
  private let exported = Mutex<Exported>(Exported())

  private struct Exported: Sendable {
    var pods: [String: [(String, String)]] = [:]
    var gpus: [String: [(String, String)]] = [:]
  }

  static let timeToFirstTokenBuckets: [Double] = [
    0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0,
    160.0, 640.0, 2560.0,
  ]
  static let e2eLatencyBuckets: [Double] = [
    0.3, 0.5, 0.8, 1.0, 1.5, 2.0, 2.5, 5.0, 10.0, 15.0, 20.0, 30.0, 40.0, 50.0, 60.0, 120.0, 240.0, 480.0, 960.0,
    1920.0, 7680.0,
  ]

  /// Metrics in `registry`, for nodes of `gpusPerNode` GPUs (the fleet's default is 8).
  public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry(), gpusPerNode: Int = 8) {
    self.registry = registry
    self.gpusPerNode = gpusPerNode
  }

  /// The Prometheus text exposition of every metric.
  public func exposition() -> [UInt8] {
    var buffer: [UInt8] = []
    registry.emit(into: &buffer)
    return buffer
  }

  /// Counts a finished request on `instance`. One the instance refused (5xx) processed nothing;
  /// one the client left counts its tokens; only complete ones enter the latency histograms.
  public func record(_ served: ServedRequest, on instance: ServingInstance) {
    guard served.status < 500 else { return }
    let labels = Self.instanceLabels(instance)
    remember(pod: instance.pod, labels)
    counter("vllm:prompt_tokens_total", labels).increment(by: Int64(served.promptTokens))
    counter("vllm:generation_tokens_total", labels).increment(by: Int64(served.completionTokens))
    guard served.status == 200 else { return }
    histogram("vllm:e2e_request_latency_seconds", Self.e2eLatencyBuckets, labels)
      .record(GatewayMetrics.seconds(served.latency))
    if let ttft = served.timeToFirstToken {
      histogram("vllm:time_to_first_token_seconds", Self.timeToFirstTokenBuckets, labels)
        .record(GatewayMetrics.seconds(ttft))
    }
  }

  /// Sets every gauge from `load` for the instances served now and the GPUs of `nodes` (and of
  /// the nodes the instances run on), and removes the series of instances no longer listed.
  public func refresh(from load: InstanceLoad, instances: [ServingInstance], nodes: [String] = []) async {
    var readings: [String: InstanceLoadReading] = [:]
    for instance in instances { readings[instance.pod] = await load.reading(instance) }
    for instance in instances {
      guard let reading = readings[instance.pod] else { continue }
      setInstanceGauges(instance, reading)
    }
    forget(pods: Set(exported.withLock { Set($0.pods.keys) }).subtracting(instances.map(\.pod)))
    let gpus = SimulatedGPU.assign(instances: instances, nodes: nodes, gpusPerNode: gpusPerNode)
    for gpu in gpus {
      let reading = gpu.holder.flatMap { readings[$0.pod]?.gpu } ?? load.profile.idle
      setGPUGauges(gpu, reading, modelName: load.profile.modelName)
    }
    forget(gpus: Set(exported.withLock { Set($0.gpus.keys) }).subtracting(gpus.map(Self.key)))
  }

  private func setInstanceGauges(_ instance: ServingInstance, _ reading: InstanceLoadReading) {
    let labels = Self.instanceLabels(instance)
    remember(pod: instance.pod, labels)
    gauge("vllm:num_requests_running", labels).set(to: Double(reading.running))
    gauge("vllm:num_requests_waiting", labels).set(to: Double(reading.waiting))
    gauge("vllm:kv_cache_usage_perc", labels).set(to: reading.kvCacheUsage)
    gauge("vllm:gpu_cache_usage_perc", labels).set(to: reading.kvCacheUsage)
  }

  private func setGPUGauges(_ gpu: SimulatedGPU, _ reading: GPUReading, modelName: String) {
    let labels = Self.gpuLabels(gpu, modelName: modelName)
    let key = Self.key(gpu)
    let previous = exported.withLock { exported in
      defer { exported.gpus[key] = labels }
      return exported.gpus[key]
    }
    if let previous, !Self.same(previous, labels) { unregisterGPU(previous) }
    gauge("DCGM_FI_DEV_GPU_UTIL", labels).set(to: reading.utilisationPercent.rounded())
    gauge("DCGM_FI_DEV_FB_USED", labels).set(to: reading.memoryUsedMiB.rounded())
    gauge("DCGM_FI_DEV_FB_FREE", labels).set(to: reading.memoryFreeMiB.rounded())
    gauge("DCGM_FI_DEV_POWER_USAGE", labels).set(to: reading.powerWatts)
    gauge("DCGM_FI_DEV_GPU_TEMP", labels).set(to: reading.temperatureCelsius.rounded())
    gauge("DCGM_FI_DEV_XID_ERRORS", labels).set(to: 0)
  }

  private func remember(pod: String, _ labels: [(String, String)]) {
    exported.withLock { $0.pods[pod] = labels }
  }

  private func forget(pods: Set<String>) {
    for pod in pods {
      guard let labels = exported.withLock({ $0.pods.removeValue(forKey: pod) }) else { continue }
      for name in Self.instanceGauges { registry.unregisterGauge(gauge(name, labels)) }
      for name in Self.instanceCounters { registry.unregisterCounter(counter(name, labels)) }
      registry.unregisterValueHistogram(
        histogram("vllm:e2e_request_latency_seconds", Self.e2eLatencyBuckets, labels))
      registry.unregisterValueHistogram(
        histogram("vllm:time_to_first_token_seconds", Self.timeToFirstTokenBuckets, labels))
    }
  }

  private func forget(gpus: Set<String>) {
    for key in gpus {
      guard let labels = exported.withLock({ $0.gpus.removeValue(forKey: key) }) else { continue }
      unregisterGPU(labels)
    }
  }

  private func unregisterGPU(_ labels: [(String, String)]) {
    for name in Self.gpuGauges { registry.unregisterGauge(gauge(name, labels)) }
  }

  static let instanceGauges = [
    "vllm:num_requests_running", "vllm:num_requests_waiting", "vllm:kv_cache_usage_perc",
    "vllm:gpu_cache_usage_perc",
  ]
  static let instanceCounters = ["vllm:prompt_tokens_total", "vllm:generation_tokens_total"]
  static let gpuGauges = [
    "DCGM_FI_DEV_GPU_UTIL", "DCGM_FI_DEV_FB_USED", "DCGM_FI_DEV_FB_FREE", "DCGM_FI_DEV_POWER_USAGE",
    "DCGM_FI_DEV_GPU_TEMP", "DCGM_FI_DEV_XID_ERRORS",
  ]

  static func instanceLabels(_ instance: ServingInstance) -> [(String, String)] {
    [("model_name", instance.modelName), ("namespace", instance.namespace), ("pod", instance.pod)]
  }

  static func gpuLabels(_ gpu: SimulatedGPU, modelName: String) -> [(String, String)] {
    [
      ("gpu", String(gpu.index)), ("UUID", gpu.uuid), ("pci_bus_id", gpu.pciBusID), ("device", gpu.device),
      ("modelName", modelName), ("Hostname", gpu.node), ("container", gpu.holder == nil ? "" : "model"),
      ("namespace", gpu.holder?.namespace ?? ""), ("pod", gpu.holder?.pod ?? ""),
    ]
  }

  static func key(_ gpu: SimulatedGPU) -> String { "\(gpu.node)/\(gpu.index)" }

  static func same(_ left: [(String, String)], _ right: [(String, String)]) -> Bool {
    left.count == right.count && zip(left, right).allSatisfy { $0 == $1 }
  }
}
