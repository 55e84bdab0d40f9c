import Testing

@testable import Controller

/// The surge-1, unavailable-0 rollout, stepped through with instances becoming ready one by one.
@Suite struct RolloutPlanTests {
  func plan(_ desired: Int, _ groups: [RevisionInstances]) -> [RolloutPlan.Step] {
    RolloutPlan(desired: desired, current: "new", groups: groups) { $0 == "new" ? 2 : ($0 == "old" ? 1 : 0) }.steps
  }

  @Test func scalesTheCurrentRevisionWhenNothingElseRuns() {
    #expect(plan(3, []) == [.scale(revision: "new", to: 3)])
    #expect(plan(0, [.init(revision: "new", total: 2, ready: 2)]) == [.scale(revision: "new", to: 0)])
    #expect(plan(2, [.init(revision: "new", total: 2, ready: 1)]).isEmpty)
  }

  @Test func rollsOneInstanceAtATimeNeverBelowTheDesiredReadyCount() {
    var old = RevisionInstances(revision: "old", total: 3, ready: 3)
    var new = RevisionInstances(revision: "new", total: 0, ready: 0)
    var rounds = 0
    while old.total > 0 || new.ready < 3 {
      rounds += 1
      #expect(rounds < 20)
      if rounds >= 20 { return }
      for step in plan(3, [old, new].filter { $0.total > 0 }) {
        defer { #expect(old.total + new.total <= 4, "surge of one, after every step") }
        switch step {
        case .scale("new", let count): new.total = count
        case .scale("old", let count):
          old.total = count
          old.ready = min(old.ready, count)
        default: break
        }
      }
      #expect(old.total + new.total <= 4, "surge of one")
      #expect(old.ready + new.ready >= 3, "no moment below three ready")
      new.ready = new.total  // the new instances become ready before the next look
    }
    #expect(new == .init(revision: "new", total: 3, ready: 3))
  }

  @Test func aCrashingNewRevisionLeavesTheOldOneServing() {
    let steps = plan(3, [.init(revision: "old", total: 3, ready: 3), .init(revision: "new", total: 1, ready: 0)])
    #expect(steps.isEmpty)
  }

  @Test func oldInstancesThatDoNotServeGoAtOnceAndEmptyRevisionsRetire() {
    let steps = plan(2, [.init(revision: "old", total: 2, ready: 0), .init(revision: "new", total: 1, ready: 1)])
    #expect(steps == [.scale(revision: "old", to: 0), .retire(revision: "old"), .scale(revision: "new", to: 2)])
    #expect(
      plan(2, [.init(revision: "new", total: 2, ready: 2), .init(revision: "old", total: 0, ready: 0)]) == [
        .retire(revision: "old")
      ])
  }
}
