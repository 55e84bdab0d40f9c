import AIResources
import KubeCore
import Testing
import Views

@testable import ConsoleApp

private typealias F = ConsoleFixtures

/// The console's knowledge of each kind, read through the registry as the reducer reads it.
@Suite("Kind registry")
struct KindRegistryTests {
  let registry = KindRegistry.ours

  @Test("each of our six kinds has its own descriptor, keyed by group and kind, with the server's resource")
  func oursAreDescribed() {
    for definition in AICustomResourceDefinitions.all {
      var served = definition.resource
      served.verbs = ["get", "list"]
      let descriptor = registry.descriptor(for: served)
      #expect(registry.describes(served), "\(definition.kind)")
      #expect(descriptor.resource == served, "the server's description wins")
      #expect(!descriptor.columns.isEmpty && descriptor.columns.last?.title == "RECONCILE", "\(definition.kind)")
    }
  }

  @Test("a kind of another group with our kind's name (KServe's InferenceService) is not ours: its printer columns")
  func othersUsePrinterColumns() {
    let descriptor = registry.descriptor(for: F.kserve, definition: F.kserveDefinition)
    #expect(!registry.describes(F.kserve))
    #expect(descriptor.columns.map(\.title) == ["URL", "READY"], "the priority-1 column and the age are left out")
    #expect(descriptor.operations.isEmpty && !descriptor.hasInstances)
    let object: JSONValue = ["status": ["url": "http://x", "conditions": [["type": "Ready", "status": "True"]]]]
    #expect(descriptor.cells(object, RowContext(now: F.now)) == ["http://x", "True"])
  }

  @Test("operations come from the descriptor: scale an AICluster, edit a route, neither on a ModelDeployment")
  func operations() {
    #expect(registry.descriptor(for: AICluster.resource).allows(.scale))
    #expect(!registry.descriptor(for: AICluster.resource).allows(.edit))
    #expect(registry.descriptor(for: AIModelRoute.resource).allows(.edit))
    #expect(registry.descriptor(for: InferenceService.resource).allows(.canary))
    #expect(registry.descriptor(for: ModelDeployment.resource).operations.isEmpty)
  }

  @Test("an InferenceService's pods are its AIClusters' (owned or labelled), an AIApplication's its services'")
  func instanceLinks() {
    let service: JSONValue = [
      "apiVersion": "ai.aiconsole.dev/v1", "kind": "InferenceService",
      "metadata": ["name": "chat", "namespace": "demo", "uid": "svc-1"], "spec": ["modelRef": ["name": "m"]],
    ]
    var owned = F.cluster("chat-stable")
    owned["metadata"]?["ownerReferences"] = [["uid": "svc-1", "kind": "InferenceService", "name": "chat"]]
    var labelled = F.cluster("chat-canary")
    labelled["metadata"]?["labels"] = ["ai.aiconsole.dev/inferenceservice": "chat"]
    let application: JSONValue = [
      "apiVersion": "ai.aiconsole.dev/v1", "kind": "AIApplication",
      "metadata": ["name": "desk", "namespace": "demo"], "spec": ["services": [["name": "chat"]]],
    ]
    let relations = DetailRelations(
      related: [
        "InferenceService": [service], "AICluster": [owned, labelled, F.cluster("other")],
        "Pod": [
          F.pod("chat-stable-0", cluster: "chat-stable"), F.pod("chat-canary-0", cluster: "chat-canary"),
          F.pod("other-0", cluster: "other"),
        ],
      ])
    let names = { (object: JSONValue) in relations.pods(of: object).map(DetailFields.name).sorted() }
    #expect(names(service) == ["chat-canary-0", "chat-stable-0"])
    #expect(names(application) == ["chat-canary-0", "chat-stable-0"])
    #expect(relations.parent(of: labelled).map(DetailFields.name) == "chat")
    #expect(relations.parent(of: service).map(DetailFields.name) == nil, "no AIApplication cached lists it")
  }

  @Test("an AIApplication's SERVICES counts the services of its spec, not the route members its status lists too")
  func applicationServices() {
    let application: JSONValue = [
      "spec": ["services": [["name": "a"], ["name": "b"]], "routes": [["name": "r"]]],
      "status": [
        "health": "Degraded",
        "services": [["name": "a", "ready": true], ["name": "b", "ready": false], ["name": "r", "ready": true]],
      ],
    ]
    let cells = registry.descriptor(for: AIApplication.resource).cells(application, RowContext(now: F.now))
    #expect(cells == ["Degraded", "1/2", "1", "-"])
  }
}
