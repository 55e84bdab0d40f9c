import ClusterClient
import ClusterTestSupport
import Foundation
import KubeCore
import Testing

/// An informer's transform (client-go's `SetTransform`), as the console uses it to leave out
/// managed fields: every object it caches and tells, from the paged first list and from the
/// watch, has gone through it, and the first list is told once.
@Suite(.serialized, .timeLimit(.minutes(2))) struct InformerTransformTests {
  @Test func objectsFromPagesAndWatchComeWithoutManagedFields() async throws {
    let server = try await EmbeddedServer.start()
    let client = try InformerTests.client(server)
    try await InformerTests.makeNamespace(client, "strip")
    for index in 0..<30 {
      _ = try await client.create(InformerTests.aiclusters, InformerTests.cluster("c\(index)", namespace: "strip"))
    }
    let stored = try await client.listAll(InformerTests.aiclusters, namespace: "strip")
    // Without this the test would prove nothing: the server does keep managed fields.
    #expect(stored.items.allSatisfy { $0[path: ["metadata", "managedFields"]] != nil })
    let informer = Informer(
      client: client, resource: InformerTests.aiclusters, namespace: "strip", pageSize: 10,
      transform: Informer.withoutManagedFields)
    let events = await informer.events()
    let running = Task { await informer.run() }
    await informer.waitUntilSynced()
    let cached = await informer.list()
    #expect(cached.count == 30)
    #expect(cached.allSatisfy { $0[path: ["metadata", "managedFields"]] == nil })
    #expect(cached.allSatisfy { $0[path: ["metadata", "resourceVersion"]] != nil && $0["spec"] != nil })
    _ = try await client.setReplicas(InformerTests.aiclusters, name: "c7", namespace: "strip", replicas: 4)
    var added = 0
    var modified: [JSONValue] = []
    for await event in events {
      switch event {
      case .added(let object):
        added += 1
        #expect(object[path: ["metadata", "managedFields"]] == nil)
      case .modified(_, let new): modified.append(new)
      case .deleted, .state: break
      }
      if !modified.isEmpty { break }
    }
    // Each listed object told once, then only the live change.
    #expect(added == 30)
    #expect(modified.count == 1)
    #expect(modified.first?[path: ["spec", "replicas"]] == 4)
    #expect(modified.first?[path: ["metadata", "managedFields"]] == nil)
    running.cancel()
    await running.value
    try await client.shutdown()
    await server.stop()
  }
}
