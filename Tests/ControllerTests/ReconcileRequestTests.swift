import ClusterClient
import Controller
import KubeCore
import Testing

/// The change ID a reconcile reports comes from the object it read, not the informer that woke it.
@Suite struct ReconcileRequestTests {
  @Test func aFreshReadWithANewerChangeIDWins() {
    let request = ReconcileRequest(key: NamespacedName(namespace: "default", name: "chat"), changeID: "chg-old")
    let object: JSONValue = ["metadata": ["annotations": ["ai.aiconsole.dev/change-id": "chg-new"]]]
    let acting = request.acting(on: object)
    #expect(acting.changeID == "chg-new")
    #expect(acting.reconcileID == request.reconcileID)
    #expect(acting.logger[metadataKey: "correlation_id"] == "chg-new")
  }

  @Test func anObjectWithoutAChangeIDKeepsTheRequests() {
    let request = ReconcileRequest(key: NamespacedName(namespace: "default", name: "chat"), changeID: "chg-1")
    #expect(request.acting(on: ["metadata": ["name": "chat"]]).changeID == "chg-1")
  }
}
