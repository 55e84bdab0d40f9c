import ClusterClient
import Foundation
import KubeCore

/// Reads the load of InferenceServices from Prometheus text endpoints (the gateway's, the
/// instances', the GPU exporter's): vLLM's `vllm:generation_tokens_total` by `model_name` as a
/// rate between two scrapes, and DCGM's `DCGM_FI_DEV_GPU_UTIL` by `pod`. With no endpoint
/// configured, or none answering, there is no load, and autoscaled services keep their size.
public actor ServiceLoad {
  private let scrapers: [MetricsScraper]
  /// The endpoints read.
  public nonisolated let endpoints: [String]
  /// How often the load is read, and autoscaled services look at it (HPA's default sync period).
  public nonisolated let period: Duration
  /// The previous scrape's generation counters by model, and when they were read.
  private var lastTokens: [String: (value: Double, at: Int64)] = [:]
  private var tokenRates: [String: Double] = [:]
  private var gpuByPod: [String: Double] = [:]

  public init(endpoints: [String], period: Duration = .seconds(15)) {
    self.period = period
    self.endpoints = endpoints
    scrapers = endpoints.map { MetricsScraper(url: $0, interval: period) }
  }

  var isConfigured: Bool { !scrapers.isEmpty }

  /// Scrapes every endpoint once and updates the rates.
  func refresh() async {
    var tokens: [String: Double] = [:]
    var now: Int64 = 0
    var gpu: [String: Double] = [:]
    for scraper in scrapers {
      let scrape = await scraper.scrapeOnce()
      now = max(now, scrape.timestampMilliseconds)
      for family in scrape.families {
        for sample in family.samples {
          if sample.name == "vllm:generation_tokens_total", let model = sample.label("model_name") {
            tokens[model, default: 0] += sample.value
          } else if sample.name == "DCGM_FI_DEV_GPU_UTIL", let pod = sample.label("pod"), sample.value < 1e15 {
            gpu[pod] = sample.value
          }
        }
      }
    }
    for (model, value) in tokens {
      if let last = lastTokens[model], now > last.at, value >= last.value {
        tokenRates[model] = (value - last.value) / (Double(now - last.at) / 1000)
      }
      lastTokens[model] = (value, now)
    }
    gpuByPod = gpu
  }

  /// The load of instances serving `model` whose Pod names start with `podPrefix`, per instance.
  func load(model: String, podPrefix: String, instances: Int) -> ReplicaRecommender.Load? {
    let rate = tokenRates[model]
    let utilisations = gpuByPod.filter { $0.key.hasPrefix(podPrefix) }.map(\.value)
    guard rate != nil || !utilisations.isEmpty else { return nil }
    return ReplicaRecommender.Load(
      tokensPerSecond: rate.map { $0 / Double(max(1, instances)) },
      // Instances with no reading yet (just started) count as idle, as HPA counts them when
      // scaling up, so that a new instance is not mistaken for missing capacity.
      gpuUtilization: utilisations.isEmpty
        ? nil : utilisations.reduce(0, +) / Double(max(instances, utilisations.count)))
  }
}
