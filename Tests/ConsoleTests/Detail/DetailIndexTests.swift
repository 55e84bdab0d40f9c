import ClusterClient
import Foundation
import KubeCore
import Testing

@testable import ConsoleApp

/// The detail built through the store's `OwnerIndex` is the detail the scans of the whole cache
/// built: the same pods, revisions, events, owner tree, for every object of a cache with
/// families in two namespaces and noise beside them.
@Suite("Detail through the owner index")
struct DetailIndexTests {
  typealias F = DetailFixtures

  @Test("every object's detail is the same through the index as by a scan of the cache")
  func sameAsScan() {
    let world = DetailIndexWorld()
    var compared = 0
    for (kind, items) in world.related {
      let resource =
        KindRegistry.ours.all.map(\.resource.kind).contains(kind)
        ? F.resource(kind)
        : APIResource(group: "", version: "v1", name: kind.lowercased() + "s", kind: kind, namespaced: true)
      for object in items {
        let context = DetailContext(object: object, resource: resource, related: [:], now: F.now)
        let scanned = DetailModel(world.scanned(context))
        let indexed = DetailModel(world.indexed(context))
        #expect(indexed == scanned, "\(kind) \(ResourceStore.key(object))")
        compared += 1
      }
    }
    #expect(compared > 100)
  }

  @Test("an InferenceService's detail through the index has its owned clusters, their pods and events")
  func ownedChildren() throws {
    let world = DetailIndexWorld()
    let service = try #require(world.related["InferenceService"]?.first { ResourceStore.key($0) == "team-b/svc1" })
    let context = DetailContext(object: service, resource: F.resource("InferenceService"), related: [:], now: F.now)
    let model = DetailModel(world.indexed(context))
    #expect(model == DetailModel(world.scanned(context)))
    #expect(model.instances.map(\.name) == (0..<3).flatMap { c in (0..<3).map { "svc1-c\(c)-p\($0)" } })
    let serviceNode = try #require(model.tree.first?.children.first)
    #expect(serviceNode.children.map(\.id) == ["uid-team-b-svc1-c0", "uid-team-b-svc1-c1", "uid-team-b-svc1-c2"])
    #expect(model.events.count == 6)
    #expect(model.tree.first?.id == "uid-team-b-app-svc1")
  }

  @Test("a context read from the store is the scanned detail, and gathers the cache only when asked")
  func readFromStore() {
    let world = DetailIndexWorld()
    var compared = 0
    for (kind, items) in world.related where ["AICluster", "InferenceService", "Pod"].contains(kind) {
      for object in items {
        let resource = kind == "Pod" ? CoreResources.pods : F.resource(kind)
        let context = DetailContext(
          object: object, resource: resource, store: world.store, registry: .ours, now: F.now, metrics: MetricsBoard())
        #expect(context.index != nil)
        let scanned = DetailModel(world.scanned(context))
        #expect(DetailModel(context) == scanned, "\(kind) \(ResourceStore.key(object))")
        compared += 1
      }
    }
    #expect(compared > 30)
    // Asked for, the whole cache is there: the same objects the scan reads, kind by kind.
    let context = DetailContext(
      object: F.clusterContext.object, resource: F.resource("AICluster"), store: world.store, registry: .ours,
      now: F.now, metrics: MetricsBoard())
    let keys = { (related: [String: [JSONValue]]) in related.mapValues { Set($0.map(ResourceStore.key)) } }
    #expect(keys(context.related) == keys(world.related))
    #expect(Set(context.related(kind: "Event").map(ResourceStore.key)) == keys(world.related)["Event"])
  }

  @Test("a context whose cache is changed by hand drops the index and reads what it holds")
  func handEditedContext() {
    let world = DetailIndexWorld(F.clusterContext)
    var context = world.indexed(F.clusterContext)
    #expect(context.index != nil)
    context.related["Pod"] = []
    #expect(context.index == nil)
    #expect(DetailModel(context).instances.isEmpty)
  }
}
