import ClusterClient
import ClusterTestSupport
import Foundation
import KubeCore
import Testing

/// An informer of the server's Table (as `kubectl get -w` asks for it, with whole objects):
/// each object comes with the cells of the server's printer columns, the first list's pages show
/// before it is synced, and watched changes carry new cells.
@Suite(.serialized, .timeLimit(.minutes(5))) struct TableInformerTests {
  static let configMaps = CoreResources.configMaps

  static func configMap(_ name: String, keys: Int) -> JSONValue {
    var data: JSONValue = .emptyObject
    for key in 0..<keys { data["k\(key)"] = .string("v\(key)") }
    return [
      "apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": .string(name), "namespace": "tab"],
      "data": data,
    ]
  }

  @Test func rowsCarryTheServersCellsFromTheFirstPageOnAndFollowChanges() async throws {
    let server = try await EmbeddedServer.start()
    let client = try InformerTests.client(server)
    try await InformerTests.makeNamespace(client, "tab")
    for index in 0..<120 { _ = try await client.create(Self.configMaps, Self.configMap("cm\(index)", keys: index % 3)) }
    let informer = Informer(client: client, resource: Self.configMaps, namespace: "tab", pageSize: 50, table: true)
    let rows = await informer.rows()
    let running = Task { await informer.run() }
    var columns: [ServerTable.Column] = []
    var cells: [String: [JSONValue]] = [:]
    var addedBeforeSynced = 0
    var synced = false
    var changedCells: [JSONValue]?
    var deleted = false
    for await event in rows {
      switch event {
      case .columns(let new): columns = new
      case .change(.state(.synced), _):
        if !synced {
          synced = true
          var changed = try await client.get(Self.configMaps, name: "cm0", namespace: "tab")
          changed["data"] = ["a": "1", "b": "2", "c": "3", "d": "4"]
          _ = try await client.update(Self.configMaps, changed)
          try await client.delete(Self.configMaps, name: "cm1", namespace: "tab")
        }
      case .change(.added(let object), let objectCells):
        if !synced { addedBeforeSynced += 1 }
        cells[object[path: ["metadata", "name"]]?.stringValue ?? ""] = objectCells
      case .change(.modified(_, let object), let objectCells):
        if object[path: ["metadata", "name"]] == "cm0" { changedCells = objectCells }
      case .change(.deleted(let object), _): deleted = deleted || object[path: ["metadata", "name"]] == "cm1"
      case .change(.state, _): break
      }
      if changedCells != nil, deleted { break }
    }
    let data = try #require(columns.firstIndex { $0.name == "Data" })
    #expect(columns.first?.name == "Name")
    #expect(addedBeforeSynced == 120)
    #expect(cells["cm2"]?[data] == .int(2))
    #expect(changedCells?[data] == .int(4))
    let cached = await informer.object(namespace: "tab", name: "cm0")
    #expect(cached?["data"]?.objectValue?.count == 4, "the cache holds whole objects, not partial metadata")
    running.cancel()
    await running.value
    try await client.shutdown()
    await server.stop()
  }
}
