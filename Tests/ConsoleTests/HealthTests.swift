import KubeCore
import Testing

@testable import ConsoleApp

@Suite("Health")
struct HealthTests {
  @Test("Ready=True is healthy")
  func ready() {
    #expect(Health.of(ConsoleFixtures.cluster("a")) == .ok)
  }

  @Test("Degraded=True is failing even when Ready")
  func degraded() {
    let object = ConsoleFixtures.cluster(
      "a",
      conditions: [
        ["type": "Ready", "status": "True"], ["type": "Degraded", "status": "True", "reason": "CrashLoop"],
      ])
    #expect(Health.of(object) == .failing)
  }

  @Test("a spec ahead of the observed generation is progressing")
  func pending() {
    #expect(Health.of(ConsoleFixtures.cluster("a", generation: 3, observed: 2)) == .progressing)
  }

  @Test("a reconcile that errored is failing")
  func reconcileError() {
    #expect(Health.of(ConsoleFixtures.cluster("a", result: "Error")) == .failing)
  }

  @Test("Ready=False for an unschedulable reason is failing, for another reason progressing")
  func readyFalse() {
    let stuck = ConsoleFixtures.cluster(
      "a", conditions: [["type": "Ready", "status": "False", "reason": "Unschedulable"]])
    let waiting = ConsoleFixtures.cluster(
      "a", conditions: [["type": "Ready", "status": "False", "reason": "Starting"]])
    #expect(Health.of(stuck) == .failing)
    #expect(Health.of(waiting) == .progressing)
  }

  @Test("an object without status is unknown; an application reports its own health")
  func unknownAndApplication() {
    #expect(Health.of(["metadata": ["name": "x"]]) == .unknown)
    #expect(Health.of(["status": ["health": "Unhealthy"]]) == .failing)
  }
}
