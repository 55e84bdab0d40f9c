/// What one simulated GPU is and how it responds to load: its product, memory, power and thermal
/// envelope, and the serving limits of a model instance per GPU. The defaults describe an
/// NVIDIA H100 80GB HBM3 (81,559 MiB as `nvidia-smi` reports it, 700 W TDP); what the weights
/// take depends on the model an instance serves (`ModelWeights`).
public struct GPUProfile: Sendable, Hashable {
  /// The DCGM exporter's `modelName`.
  public var modelName = "NVIDIA H100 80GB HBM3"
  /// Framebuffer size in MiB.
  public var memoryMiB = 81_559.0
  /// KV cache memory one token of context occupies, per GPU, in MiB (128 KiB: an 8B model with GQA).
  public var kvCacheMiBPerToken = 0.125
  /// Share of memory vLLM may use (`--gpu-memory-utilization`); the KV cache gets what the weights leave.
  public var memoryUtilization = 0.9
  public var idleWatts = 70.0
  public var maxWatts = 700.0
  public var idleCelsius = 35.0
  /// Degrees above idle at full utilisation.
  public var loadCelsius = 40.0
  /// Concurrent requests per GPU at which an instance's GPUs are fully utilised.
  public var saturatingRequestsPerGPU = 8
  /// Requests per GPU an instance runs at once (vLLM's `max_num_seqs`); the rest wait.
  public var maxRunningRequestsPerGPU = 32
  /// Time constant of the utilisation's exponential smoothing, in seconds.
  public var smoothingSeconds = 2.0
  /// Tokens of context per GPU an instance in failure mode `oom` can hold before CUDA runs out of memory.
  public var oomTokensPerGPU = 4096

  /// The H100 defaults.
  public init() {}

  /// Tokens of KV cache each GPU holds beside `weightsMiB` of weights.
  public func kvCacheTokensPerGPU(weightsMiB: Double) -> Double {
    max(0, memoryMiB * memoryUtilization - weightsMiB) / kvCacheMiBPerToken
  }

  /// The readings of a GPU of an instance at `utilisation` (0...1) holding `weightsMiB` of weights
  /// and `kvTokens` tokens of context.
  public func reading(utilisation: Double, weightsMiB: Double, kvTokens: Double) -> GPUReading {
    let load = min(1, max(0, utilisation))
    let used = min(memoryMiB, weightsMiB + kvTokens * kvCacheMiBPerToken)
    return GPUReading(
      utilisationPercent: load * 100, memoryUsedMiB: used, memoryFreeMiB: memoryMiB - used,
      powerWatts: idleWatts + load * (maxWatts - idleWatts), temperatureCelsius: idleCelsius + load * loadCelsius)
  }

  /// The readings of a GPU no instance holds.
  public var idle: GPUReading {
    GPUReading(
      utilisationPercent: 0, memoryUsedMiB: 0, memoryFreeMiB: memoryMiB, powerWatts: idleWatts,
      temperatureCelsius: idleCelsius)
  }
}

/// One GPU's gauges as the DCGM exporter reports them.
public struct GPUReading: Sendable, Hashable {
  /// `DCGM_FI_DEV_GPU_UTIL`, 0...100.
  public var utilisationPercent: Double
  /// `DCGM_FI_DEV_FB_USED`.
  public var memoryUsedMiB: Double
  /// `DCGM_FI_DEV_FB_FREE`.
  public var memoryFreeMiB: Double
  /// `DCGM_FI_DEV_POWER_USAGE`.
  public var powerWatts: Double
  /// `DCGM_FI_DEV_GPU_TEMP`.
  public var temperatureCelsius: Double
}
