/// How much GPU memory a model's weights take, from the size its name states (`llama-3-8b`,
/// `qwen2-0.5b`, `mixtral-8x7b`, `e5-small-335m`) or, for well-known families that state none
/// (`bge-large`), their published parameter count. Weights are 16-bit, as vLLM loads them by
/// default, split evenly over an instance's GPUs by tensor parallelism, and each GPU also holds
/// the runtime's CUDA context. So an embeddings model fills a sliver of an H100 and an 8B model a
/// fifth of it, as `nvidia-smi` would show before the KV cache grows.
public struct ModelWeights: Sendable, Hashable {
  /// Parameters of a model whose name says nothing known: a 7B model, the commonest served size.
  public static let unknownParameters = 7e9
  /// Bytes per parameter at 16 bits.
  public static let bytesPerParameter = 2.0
  /// The CUDA context and runtime buffers every GPU of an instance holds, in MiB.
  public static let runtimeMiB = 512.0

  /// Families whose names state no size, with their published parameter counts.
  static let knownFamilies: [(prefix: String, parameters: Double)] = [
    ("bge-large", 335e6), ("bge-base", 110e6), ("bge-small", 33e6), ("bge-m3", 568e6),
    ("e5-large", 335e6), ("e5-base", 110e6), ("e5-small", 33e6), ("all-minilm", 22e6),
    ("all-mpnet", 110e6), ("gpt2", 124e6),
  ]

  /// The parameter count.
  public var parameters: Double

  /// The weights of the model called `name`.
  public init(model name: String) {
    let lower = name.lowercased()
    parameters =
      Self.statedParameters(lower) ?? Self.knownFamilies.first { lower.hasPrefix($0.prefix) }?.parameters
      ?? Self.unknownParameters
  }

  /// MiB each of `gpus` GPUs holds for the weights and the runtime.
  public func mebibytesPerGPU(gpus: Int) -> Double {
    parameters * Self.bytesPerParameter / 1_048_576 / Double(max(1, gpus)) + Self.runtimeMiB
  }

  /// The size a name states as a `-`/`_`/`.`-separated part: `8b`, `0.5b`, `335m`, `8x7b`.
  static func statedParameters(_ name: String) -> Double? {
    let parts = name.split { $0 == "-" || $0 == "_" || $0 == ":" || $0 == "/" }
    for part in parts.reversed() {
      guard let unit = part.last, let scale = unit == "b" ? 1e9 : unit == "m" ? 1e6 : nil else { continue }
      let pieces = part.dropLast().split(separator: "x", omittingEmptySubsequences: false)
      let factors = pieces.compactMap { Double($0) }.filter { $0 > 0 }
      guard !factors.isEmpty, factors.count == pieces.count, factors.count <= 2 else { continue }
      return factors.reduce(scale, *)
    }
    return nil
  }
}
