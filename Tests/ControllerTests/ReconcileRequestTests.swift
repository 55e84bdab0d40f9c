import ClusterClient
import Controller
import KubeCore
import Testing

/// The change ID a reconcile reports comes from the object it read, not the informer that woke it.
@Suite struct ReconcileRequestTests {
  @Test func aFreshReadWithANewerChangeIDWins() {
    let request = ReconcileRequest(key: NamespacedName(namespace: "default", name: "chat"), changeID: "chg-old")
    // A change stamped for generation 2, which the controller has not yet observed.
    let object: JSONValue = [
      "metadata": [
        "generation": 2,
        "annotations": ["ai.aiconsole.dev/change-id": "chg-new", "ai.aiconsole.dev/change-generation": "2"],
      ],
      "status": ["observedGeneration": 1],
    ]
    let acting = request.acting(on: object)
    #expect(acting.changeID == "chg-new")
    #expect(acting.reconcileID == request.reconcileID)
    #expect(acting.logger[metadataKey: "correlation_id"] == "chg-new")
  }

  @Test func aChangeIDOfAnEarlierGenerationIsNotTakenUp() {
    let request = ReconcileRequest(key: NamespacedName(namespace: "default", name: "chat"))
    let object: JSONValue = [
      "metadata": [
        "generation": 3,
        "annotations": ["ai.aiconsole.dev/change-id": "chg-old", "ai.aiconsole.dev/change-generation": "2"],
      ],
      "status": ["observedGeneration": 2],
    ]
    #expect(request.acting(on: object).changeID == nil)
  }

  @Test func anObjectWithoutAChangeIDKeepsTheRequests() {
    let request = ReconcileRequest(key: NamespacedName(namespace: "default", name: "chat"), changeID: "chg-1")
    #expect(request.acting(on: ["metadata": ["name": "chat"]]).changeID == "chg-1")
  }
}
