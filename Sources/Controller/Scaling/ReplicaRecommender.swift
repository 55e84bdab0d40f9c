import Foundation

/// How many instances an autoscaled InferenceService should have, by the Horizontal Pod
/// Autoscaler's rule: `ceil(current × observed / target)` per metric, the largest wins, within
/// `[min, max]`, and no change while within 10% of the target. Scaling down takes the highest
/// recommendation of the last five minutes (HPA's stabilisation window), so a lull does not
/// shed capacity that the next burst needs; scaling up is immediate.
struct ReplicaRecommender: Sendable {
  /// The load of one service, per instance, from the gateway's and the fleet's metrics.
  struct Load: Sendable, Equatable {
    /// Generated tokens per second per instance.
    var tokensPerSecond: Double?
    /// GPU utilisation in percent, averaged over the instances' GPUs.
    var gpuUtilization: Double?
  }

  struct Targets: Sendable, Equatable {
    var minReplicas: Int
    var maxReplicas: Int
    var tokensPerSecond: Double?
    var gpuUtilization: Double?
  }

  /// HPA's default tolerance.
  static let tolerance = 0.1
  static let stabilisationWindow: TimeInterval = 300

  /// Recent recommendations, newest last.
  private(set) var history: [(at: Date, replicas: Int)] = []

  /// The replicas to run now, and why.
  mutating func recommend(current: Int, load: Load?, targets: Targets, now: Date) -> (replicas: Int, reason: String) {
    let bounded = { (count: Int) in min(targets.maxReplicas, max(targets.minReplicas, count)) }
    guard let load, current > 0 else {
      return (bounded(current), load == nil ? "no metrics yet; keeping \(current)" : "starting at the minimum")
    }
    var proposals: [(Int, String)] = []
    if let target = targets.tokensPerSecond, target > 0, let observed = load.tokensPerSecond {
      proposals.append(
        (Self.proposal(current, observed / target), "tokens/s per instance \(Int(observed)) vs target \(Int(target))"))
    }
    if let target = targets.gpuUtilization, target > 0, let observed = load.gpuUtilization {
      proposals.append(
        (Self.proposal(current, observed / target), "GPU utilisation \(Int(observed))% vs target \(Int(target))%"))
    }
    let (raw, reason) = proposals.max { $0.0 < $1.0 } ?? (current, "no metric to scale on")
    let recommended = bounded(raw)
    history.append((now, recommended))
    history.removeAll { now.timeIntervalSince($0.at) > Self.stabilisationWindow }
    let stabilised = recommended < current ? min(current, history.map(\.replicas).max() ?? recommended) : recommended
    return (stabilised, reason)
  }

  private static func proposal(_ current: Int, _ ratio: Double) -> Int {
    abs(ratio - 1) <= tolerance ? current : Int((Double(current) * ratio).rounded(.up))
  }
}
