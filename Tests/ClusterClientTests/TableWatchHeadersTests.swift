import ClusterClient
import ClusterTestSupport
import Foundation
import KubeCore
import Testing

/// A Table watch carries the column definitions in its first event only; every later event's are
/// `null`, as kube-apiserver sends them. Those events are ordinary changes: the informer follows
/// them without an error, a disconnection or a relist, and keeps the columns it had.
@Suite(.serialized, .timeLimit(.minutes(5))) struct TableWatchHeadersTests {
  @Test func laterWatchEventsWithoutColumnDefinitionsAreFollowedWithoutARelist() throws {
    let headless: JSONValue = [
      "kind": "Table", "apiVersion": "meta.k8s.io/v1", "metadata": ["resourceVersion": "7"],
      "columnDefinitions": nil, "rows": [["cells": ["cm0", 1], "object": ["metadata": ["name": "cm0"]]]],
    ]
    let table = try ServerTable(decoding: headless)
    #expect(table.columns.isEmpty)
    #expect(table.rows.first?.name == "cm0")
    #expect(throws: KubeError.self) {
      _ = try ServerTable(decoding: ["kind": "Table", "columnDefinitions": "Name", "rows": []])
    }
  }

  @Test func aWatchedTableFollowsManyChangesInOneWatch() async throws {
    let server = try await EmbeddedServer.start()
    let client = try InformerTests.client(server)
    try await InformerTests.makeNamespace(client, "heads")
    let resource = TableInformerTests.configMaps
    for index in 0..<3 {
      var object = TableInformerTests.configMap("cm\(index)", keys: 1)
      object.set("heads", at: ["metadata", "namespace"])
      _ = try await client.create(resource, object)
    }
    let informer = Informer(client: client, resource: resource, namespace: "heads", table: true)
    let rows = await informer.rows()
    let running = Task { await informer.run() }
    var states: [SyncState] = []
    var columnEvents = 0
    var changed: [String: [JSONValue]] = [:]
    for await event in rows {
      switch event {
      case .columns: columnEvents += 1
      case .change(.state(let state), _):
        states.append(state)
        // Once synced, three changes: the watch's first event carries the columns, the rest null.
        if state == .synced, states.filter({ $0 == .synced }).count == 1 {
          for index in 0..<3 {
            var object = try await client.get(resource, name: "cm\(index)", namespace: "heads")
            object["data"] = ["a": "1", "b": "2", "c": "3"]
            _ = try await client.update(resource, object)
          }
        }
      case .change(.modified(_, let object), let cells):
        changed[object[path: ["metadata", "name"]]?.stringValue ?? ""] = cells
      case .change: break
      }
      if changed.count == 3 { break }
    }
    #expect(changed.count == 3)
    #expect(changed.values.allSatisfy { $0.contains(.int(3)) }, "a change lost its cells: \(changed)")
    let resyncs = states.drop { $0 != .synced }.filter { $0 != .synced }
    #expect(resyncs.isEmpty, "the informer relisted or disconnected while following: \(states)")
    #expect(columnEvents >= 1)
    running.cancel()
    await running.value
    try await client.shutdown()
    await server.stop()
  }
}
