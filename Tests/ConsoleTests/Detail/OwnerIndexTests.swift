import ClusterClient
import KubeCore
import Testing

@testable import ConsoleApp

/// The store's `OwnerIndex` follows the informer events: an object is filed under the owners it
/// names now, and no longer under those it named before or once it is gone.
@Suite("OwnerIndex")
struct OwnerIndexTests {
  typealias F = DetailFixtures

  static let clusters = F.resource("AICluster")
  static let services = F.resource("InferenceService")

  static func cluster(_ name: String, owner: String?, service: String? = nil, namespace: String = "default")
    -> JSONValue
  {
    var metadata: JSONValue = ["name": .string(name), "namespace": .string(namespace), "uid": .string("uid-\(name)")]
    if let owner { metadata["ownerReferences"] = [F.owner("InferenceService", owner, "uid-\(owner)")] }
    if let service { metadata["labels"] = [InferenceServiceKind.clusterLabel: .string(service)] }
    return ["apiVersion": "ai.aiconsole.dev/v1", "kind": "AICluster", "metadata": metadata]
  }

  static func names(_ found: [(kind: String, object: JSONValue)]) -> [String] {
    found.map { "\($0.kind)/\(DetailFields.name($0.object))" }
  }

  @Test("an added object is filed under its owner, moves when its owner reference changes, and goes when deleted")
  func addModifyDelete() {
    var store = ResourceStore()
    _ = store.setKinds([Self.clusters, Self.services])
    let first = Self.cluster("pool", owner: "chat", service: "chat")
    _ = store.apply(Self.clusters, .added(first))
    _ = store.apply(Self.clusters, .added(Self.cluster("other", owner: "search")))
    #expect(Self.names(store.ownerIndex.owned(by: "uid-chat")) == ["AICluster/pool"])
    #expect(Self.names(store.ownerIndex.objects(uid: "uid-pool")) == ["AICluster/pool"])
    let labelled = store.ownerIndex.objects(
      kind: "AICluster", namespace: "default", label: InferenceServiceKind.clusterLabel, value: "chat")
    #expect(labelled?.map(DetailFields.name) == ["pool"])

    let moved = Self.cluster("pool", owner: "search", service: "search")
    _ = store.apply(Self.clusters, .modified(old: first, new: moved))
    #expect(store.ownerIndex.owned(by: "uid-chat").isEmpty)
    #expect(Self.names(store.ownerIndex.owned(by: "uid-search")) == ["AICluster/other", "AICluster/pool"])
    #expect(
      store.ownerIndex.objects(
        kind: "AICluster", namespace: "default", label: InferenceServiceKind.clusterLabel, value: "chat")?.isEmpty
        == true)

    let orphaned = Self.cluster("pool", owner: nil)
    _ = store.apply(Self.clusters, .modified(old: moved, new: orphaned))
    #expect(Self.names(store.ownerIndex.owned(by: "uid-search")) == ["AICluster/other"])
    #expect(store.ownerIndex.objects(kind: "AICluster", namespace: "default", name: "pool") == [orphaned])

    _ = store.apply(Self.clusters, .deleted(orphaned))
    #expect(store.ownerIndex.objects(uid: "uid-pool").isEmpty)
    #expect(store.ownerIndex.objects(kind: "AICluster", namespace: "default").map(DetailFields.name) == ["other"])

    _ = store.setKinds([Self.services])
    #expect(store.ownerIndex.owned(by: "uid-search").isEmpty)
    #expect(store.ownerIndex.objects(kind: "AICluster", namespace: "default").isEmpty)
  }

  @Test("a pod held by the pods feed and a viewed `:pods` is one object, kept while either holds it")
  func feedAndViewed() {
    var store = ResourceStore()
    store.setViewed([CoreResources.pods])
    let fromFeed = F.runningPod
    var fromView = F.runningPod
    fromView["status"] = ["phase": "Succeeded"]
    store.applyRelated(.pods, .added(fromFeed))
    _ = store.applyViewed(CoreResources.pods, .change(.added(fromView), cells: []))
    // The feed's copy wins, as `detailContext` gathers it.
    #expect(store.ownerIndex.owned(by: "uid-aic").map(\.object) == [fromFeed])

    store.applyRelated(.pods, .deleted(fromFeed))
    #expect(store.ownerIndex.owned(by: "uid-aic").map(\.object) == [fromView])
    store.setViewed([])
    #expect(store.ownerIndex.owned(by: "uid-aic").isEmpty)
    #expect(store.ownerIndex.objects(kind: "Pod", namespace: "default").isEmpty)
  }

  @Test("an Event is found by the object it is about, until it is deleted; feeds the detail does not read are left out")
  func eventsAndFeeds() {
    var store = ResourceStore()
    let event = F.event("BackOff", "back-off", type: "Warning", first: 10, last: 5)
    store.applyRelated(.events, .added(event))
    store.applyRelated(.componentPods, .added(F.crashingPod))
    #expect(store.ownerIndex.events(about: "AICluster", namespace: "default", name: "llama-pool") == [event])
    #expect(store.ownerIndex.owned(by: "uid-aic").isEmpty)
    store.applyRelated(.events, .deleted(event))
    #expect(store.ownerIndex.events(about: "AICluster", namespace: "default", name: "llama-pool").isEmpty)
  }

  @Test("the index answers what a scan of the same cache answers, for every owner uid")
  func matchesScan() {
    let world = DetailIndexWorld()
    let all = world.related.flatMap { kind, items in items.map { (kind, $0) } }
    let owners = Set(all.flatMap { DetailFields.ownerUIDs($0.1) })
    #expect(owners.count > 10)
    for uid in owners {
      let scanned = all.filter { DetailFields.ownerUIDs($0.1).contains(uid) }
        .map { "\($0.0)/\(ResourceStore.key($0.1))" }.sorted()
      let indexed = world.store.ownerIndex.owned(by: uid).map { "\($0.kind)/\(ResourceStore.key($0.object))" }.sorted()
      #expect(indexed == scanned, "owner \(uid)")
    }
  }
}
