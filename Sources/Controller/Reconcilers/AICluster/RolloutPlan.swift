/// The next step of bringing an AICluster's instances to `desired` of the current revision, with
/// a surge of one and no unavailability: a new instance is added only while the total stays at
/// most one above `desired`, and an old one is removed only once the ready count without it is
/// still `desired`. Instances that do not serve are removed at once; they hold no capacity.
/// Pure, so that every interleaving of readiness can be tested without a cluster.
struct RolloutPlan: Equatable {
  /// What the runtime should do, in order.
  enum Step: Equatable {
    case scale(revision: String, to: Int)
    case retire(revision: String)
  }

  var steps: [Step]

  /// `groups` holds every revision with instances; `age` orders old revisions, oldest first
  /// (revisions it does not know are taken as the oldest).
  init(desired: Int, current: String, groups: [RevisionInstances], age: (String) -> Int) {
    steps = Self.steps(desired: desired, current: current, groups: groups, age: age)
  }

  private static func steps(
    desired: Int, current: String, groups: [RevisionInstances], age: (String) -> Int
  ) -> [Step] {
    let new = groups.first { $0.revision == current } ?? RevisionInstances(revision: current, total: 0, ready: 0)
    let old = groups.filter { $0.revision != current }.sorted { age($0.revision) < age($1.revision) }
    var steps: [Step] = []
    if old.allSatisfy({ $0.total == 0 }) {
      steps += old.map { .retire(revision: $0.revision) }
      if new.total != desired { steps.append(.scale(revision: current, to: desired)) }
      return steps
    }
    var surplusReady = max(0, new.ready + old.map(\.ready).reduce(0, +) - desired)
    var oldSteps: [Step] = []
    var oldRemaining = 0
    for group in old {
      let readyRemoved = min(surplusReady, group.ready)
      surplusReady -= readyRemoved
      let remaining = group.ready - readyRemoved
      oldRemaining += remaining
      if remaining == 0 {
        oldSteps += [.scale(revision: group.revision, to: 0), .retire(revision: group.revision)]
      } else if remaining != group.total {
        oldSteps.append(.scale(revision: group.revision, to: remaining))
      }
    }
    // Old instances go before new ones come, so that the total never passes the surge of one.
    steps += oldSteps
    let target = min(desired, max(new.total, desired + 1 - oldRemaining))
    if target != new.total { steps.append(.scale(revision: current, to: target)) }
    return steps
  }

  /// Whether the instances are exactly what is wanted: nothing to do.
  var isSettled: Bool { steps.isEmpty }
}
