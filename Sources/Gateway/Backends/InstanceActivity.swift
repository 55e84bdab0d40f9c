import Foundation

/// One instance's load: the requests in flight in arrival order, its token totals and its GPUs'
/// smoothed utilisation. A value that `InstanceLoad` advances; pure, so the smoothing is tested
/// with plain numbers.
struct InstanceActivity: Sendable {
  /// A request in flight and the tokens of context it occupies.
  struct Request: Sendable {
    var id: UInt64
    var tokens: Int
  }

  var instance: ServingInstance
  /// In arrival order: the first `capacity` run, the rest wait.
  var inFlight: [Request] = []
  var promptTokens = 0
  var generationTokens = 0
  var utilisation = 0.0
  /// When `utilisation` was last brought up to date, on `InstanceLoad`'s clock.
  var updatedAt: Duration

  /// Requests the instance runs at once.
  func capacity(_ profile: GPUProfile) -> Int { profile.maxRunningRequestsPerGPU * max(1, instance.gpus) }

  func running(_ profile: GPUProfile) -> Int { min(inFlight.count, capacity(profile)) }

  func waiting(_ profile: GPUProfile) -> Int { max(0, inFlight.count - capacity(profile)) }

  /// Tokens of context held by the running requests (waiting ones hold no KV cache yet).
  func runningTokens(_ profile: GPUProfile) -> Int {
    inFlight.prefix(capacity(profile)).reduce(0) { $0 + $1.tokens }
  }

  /// The utilisation the GPUs head for with the requests running now.
  func target(_ profile: GPUProfile) -> Double {
    min(1, Double(running(profile)) / Double(profile.saturatingRequestsPerGPU * max(1, instance.gpus)))
  }

  /// Moves the utilisation to `now`. The target is constant between two changes of the requests
  /// in flight, so the exact solution of a first-order lag is used: the gap to the target shrinks
  /// by `e^(-Δt/τ)`, which is an exponential moving average that does not depend on how often it
  /// is sampled.
  mutating func advance(to now: Duration, _ profile: GPUProfile) {
    let elapsed = Self.seconds(now - updatedAt)
    guard elapsed > 0 else { return }
    let target = target(profile)
    utilisation = target + (utilisation - target) * exp(-elapsed / profile.smoothingSeconds)
    updatedAt = now
  }

  static func seconds(_ duration: Duration) -> Double {
    let (seconds, attoseconds) = duration.components
    return Double(seconds) + Double(attoseconds) / 1e18
  }
}
