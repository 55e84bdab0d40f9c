import ClusterClient

/// The families of metric names the console understands, each from one kind of product. Which
/// apply is decided by what an endpoint actually exposes, never assumed, because names differ
/// between products and versions.
enum MetricsProfile: String, Hashable, Sendable, CaseIterable, Comparable {
  /// OpenTelemetry GenAI names as Envoy AI Gateway (and our gateway) export them, with the
  /// gateway's per-route counters.
  case genai
  /// vLLM's per-instance names (`vllm:` prefix, label `model_name`).
  case vllm
  /// NVIDIA DCGM exporter's per-GPU gauges (`DCGM_FI_` prefix).
  case dcgm
  /// LiteLLM proxy's names (`litellm_` prefix), old and renamed token counters alike.
  case litellm

  /// The prefix of every sample name the profile reads.
  var prefix: String {
    switch self {
    case .genai: "gen_ai_"
    case .vllm: "vllm:"
    case .dcgm: "DCGM_FI_"
    case .litellm: "litellm_"
    }
  }

  /// The profiles whose names appear among the samples of `families`.
  static func detect(_ families: [MetricFamily]) -> Set<MetricsProfile> {
    var found: Set<MetricsProfile> = []
    for family in families {
      for profile in allCases where !found.contains(profile) {
        if family.name.hasPrefix(profile.prefix) || family.samples.first?.name.hasPrefix(profile.prefix) == true {
          found.insert(profile)
        }
      }
    }
    return found
  }

  /// The profile a sample name belongs to, if any.
  static func of(name: String) -> MetricsProfile? {
    allCases.first { name.hasPrefix($0.prefix) }
  }

  /// Ordered by declaration, for stable display.
  static func < (lhs: MetricsProfile, rhs: MetricsProfile) -> Bool {
    allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
  }
}
