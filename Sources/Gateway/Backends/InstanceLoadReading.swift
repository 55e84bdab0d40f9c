/// One instance's load at one moment, as `FleetMetrics` exports it.
public struct InstanceLoadReading: Sendable, Hashable {
  /// `vllm:num_requests_running`.
  public var running: Int
  /// `vllm:num_requests_waiting`.
  public var waiting: Int
  /// `vllm:prompt_tokens_total`: prompt tokens of every request the instance served.
  public var promptTokens: Int
  /// `vllm:generation_tokens_total`: tokens it generated.
  public var generationTokens: Int
  /// `vllm:kv_cache_usage_perc`: the fraction (0...1) of its KV cache the running requests hold.
  public var kvCacheUsage: Double
  /// Smoothed utilisation of each of its GPUs, 0...1.
  public var utilisation: Double
  /// Each of its GPUs (they share the work evenly, as with tensor parallelism).
  public var gpu: GPUReading

  init(_ activity: InstanceActivity, _ profile: GPUProfile) {
    let gpus = Double(max(1, activity.instance.gpus))
    let tokensPerGPU = Double(activity.runningTokens(profile)) / gpus
    running = activity.running(profile)
    waiting = activity.waiting(profile)
    promptTokens = activity.promptTokens
    generationTokens = activity.generationTokens
    let weights = ModelWeights(model: activity.instance.modelName).mebibytesPerGPU(gpus: Int(gpus))
    let capacity = profile.kvCacheTokensPerGPU(weightsMiB: weights)
    kvCacheUsage = capacity > 0 ? min(1, tokensPerGPU / capacity) : 1
    utilisation = activity.utilisation
    gpu = profile.reading(utilisation: activity.utilisation, weightsMiB: weights, kvTokens: tokensPerGPU)
  }
}
