import AIResources

/// When a simulated instance produces each token: the time to first token is 20 ms and each
/// token takes `1 / (tokensPerSecondPerGPU × gpus)` seconds, both times `1 + load`, where load is
/// the requests already in flight divided by the requests that saturate the instance
/// (`saturatingRequestsPerGPU × gpus`); a `slow` instance takes ten times as long; everything is
/// multiplied by `timeScale` (0 in tests that want no delay). Pure, so tests check the numbers.
public struct GenerationTiming: Sendable, Hashable {
  public static let baseTimeToFirstToken = 0.020
  public static let defaultTokensPerSecondPerGPU = 1200

  public var timeToFirstToken: Duration
  public var perToken: Duration

  /// The timing of a request on `instance` that finds `ahead` requests in flight.
  public init(instance: ServingInstance, ahead: Int, profile: GPUProfile, timeScale: Double) {
    let gpus = max(1, instance.gpus)
    let rate = max(1, instance.simulation?.tokensPerSecondPerGPU ?? Self.defaultTokensPerSecondPerGPU)
    let load = Double(ahead) / Double(profile.saturatingRequestsPerGPU * gpus)
    let slowdown = instance.simulation?.failureMode == .slow ? 10.0 : 1.0
    let factor = (1 + load) * slowdown * max(0, timeScale)
    timeToFirstToken = .seconds(Self.baseTimeToFirstToken * factor)
    perToken = .seconds(factor / Double(rate * gpus))
  }

  /// When token `index` (from 0) is due, from the request's start.
  public func due(_ index: Int) -> Duration { timeToFirstToken + perToken * index }
}
