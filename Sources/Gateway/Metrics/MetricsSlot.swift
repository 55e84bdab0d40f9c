import Synchronization

/// The metric handles of one route × pool, kept on the routing snapshot (`RoutePlan.Pool`): a
/// request served there finds the handles of its series here, without hashing its route, model
/// and pool labels into a key. Filled by the first request of each operation from
/// `GatewayMetrics`' own lookup, for the `GatewayMetrics` that filled it.
final class MetricsSlot: Sendable, Hashable {
  private struct Filled {
    /// Weak, so that a slot never holds metrics alive nor mistakes a later one at the same address for them.
    weak var owner: GatewayMetrics?
    var chat: GatewayMetrics.ServedSeries?
    var textCompletion: GatewayMetrics.ServedSeries?
  }
  private let filled = Mutex<Filled?>(nil)

  /// The handles of `operation` for `metrics`, made by `make` on first use.
  func series(
    _ operation: GatewayMetrics.Operation, of metrics: GatewayMetrics, make: () -> GatewayMetrics.ServedSeries
  ) -> GatewayMetrics.ServedSeries {
    let known = filled.withLock { filled -> GatewayMetrics.ServedSeries? in
      guard let filled, filled.owner === metrics else { return nil }
      return operation == .chat ? filled.chat : filled.textCompletion
    }
    if let known { return known }
    let made = make()
    filled.withLock { filled in
      if filled?.owner !== metrics { filled = Filled(owner: metrics) }
      if operation == .chat { filled?.chat = made } else { filled?.textCompletion = made }
    }
    return made
  }

  /// Slots are told apart by identity: two are the same handles only if they are one slot.
  static func == (left: MetricsSlot, right: MetricsSlot) -> Bool { left === right }

  func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}
