/// The completion a simulated model writes for a prompt: a pure function of the model and the
/// prompt, so that the same request always gets the same text and the same `usage`, and tests can
/// predict both.
///
/// The length is `min(maxTokens, 16 + h % 240)` tokens, where `h` is the FNV-1a hash of the model,
/// a zero byte and the prompt; each token is one word of `vocabulary`, drawn by a generator seeded
/// with `h`, with a leading space on every word but the first, so that joining the tokens gives
/// the text.
public struct CompletionText: Sendable, Hashable {
  /// The completion's tokens in order; each is one token in `usage.completion_tokens`.
  public let tokens: [String]

  /// The completion of `prompt` by `model`, cut at `maxTokens` (none when it is zero or less).
  public init(model: String, prompt: String, maxTokens: Int) {
    let seed = Self.hash(model: model, prompt: prompt)
    let count = min(max(0, maxTokens), Self.naturalLength(seed: seed))
    var state = seed
    tokens = (0..<count).map { index in
      state = Self.step(state)
      let word = Self.vocabulary[Int(state >> 33) % Self.vocabulary.count]
      return index == 0 ? word : " " + word
    }
  }

  /// The whole text.
  public var text: String { tokens.joined() }

  /// How long the completion is when `max_tokens` does not cut it.
  static func naturalLength(seed: UInt64) -> Int { 16 + Int(seed % 240) }

  /// FNV-1a, 64 bits: stable across processes and platforms, unlike `Hasher`.
  static func hash(model: String, prompt: String) -> UInt64 {
    var value: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in model.utf8 + [0] + prompt.utf8 { value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
    return value
  }

  /// One step of a 64-bit linear congruential generator (Knuth's MMIX constants).
  private static func step(_ state: UInt64) -> UInt64 {
    state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
  }

  static let vocabulary = [
    "the", "model", "answers", "with", "tokens", "that", "follow", "from", "your", "prompt", "and", "its",
    "context", "a", "cluster", "of", "GPUs", "serves", "each", "request", "in", "order", "latency", "grows",
    "under", "load", "while", "throughput", "stays", "steady", "until", "the", "cache", "fills", "so",
    "operators", "watch", "utilisation", "memory", "power", "and", "temperature", "as", "traffic", "arrives",
    "through", "gateway", "routes", "weights", "split", "canary", "stable", "versions", "roll", "back",
    "when", "errors", "rise", "inference", "is", "deterministic", "here", "simulated", "fleet",
  ]
}
