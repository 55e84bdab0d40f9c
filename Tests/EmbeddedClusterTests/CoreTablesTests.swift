import Foundation
import KubeCore
import Synchronization
import Testing

@testable import EmbeddedCluster

/// The Tables of the core kinds against kube-apiserver's recordings (Fixtures/reference/table-*.json):
/// the same objects are created here, then the column definitions must be equal and each cell
/// equal in value and JSON type, except ages (and, where named, server-allocated values).
@Suite("API server: core-kind Tables as kube-apiserver prints them")
struct CoreTablesTests {
  static let accept = "application/json;as=Table;v=v1;g=meta.k8s.io, application/json"
  static let pods = "/api/v1/namespaces/default/pods"

  /// Compares a Table with a recorded one: columns exactly; for each recorded row named in
  /// `rows` (all when nil) the row of the same object, cell by cell; cells of the columns in
  /// `except` only by JSON type. Rows' objects are PartialObjectMetadata of the same object.
  static func expectMatches(
    _ table: JSONValue, reference file: String, rows names: Set<String>? = nil, except: Set<String> = ["Age"],
    comparesLabels: Bool = true
  ) throws {
    let reference = try ReferenceAnswer.json(file)
    #expect(table["kind"] == "Table" && table["apiVersion"] == "meta.k8s.io/v1")
    #expect(table["columnDefinitions"] == reference["columnDefinitions"])
    let columns = (reference["columnDefinitions"]?.arrayValue ?? []).map { $0["name"]?.stringValue ?? "" }
    let ours = table["rows"]?.arrayValue ?? []
    for expected in reference["rows"]?.arrayValue ?? [] {
      let name = expected[path: ["object", "metadata", "name"]]?.stringValue ?? ""
      guard names?.contains(name) ?? true else { continue }
      let row = try #require(ours.first { $0[path: ["object", "metadata", "name"]]?.stringValue == name }, "\(name)")
      expectCells(row, expected, columns: columns, except: except)
      #expect(row["object"]?["kind"] == "PartialObjectMetadata")
      #expect(row["object"]?["apiVersion"] == "meta.k8s.io/v1")
      let fields = comparesLabels ? ["name", "namespace", "labels"] : ["name", "namespace"]
      for field in fields {
        #expect(row[path: ["object", "metadata", field]] == expected[path: ["object", "metadata", field]], "\(field)")
      }
      #expect(row["conditions"] == expected["conditions"])
    }
  }

  private static func expectCells(_ row: JSONValue, _ expected: JSONValue, columns: [String], except: Set<String>) {
    let cells = row["cells"]?.arrayValue ?? []
    let recorded = expected["cells"]?.arrayValue ?? []
    #expect(cells.count == recorded.count)
    for (index, column) in columns.enumerated() where index < min(cells.count, recorded.count) {
      if except.contains(column) {
        #expect(jsonType(cells[index]) == jsonType(recorded[index]), "\(column)")
      } else {
        #expect(cells[index] == recorded[index], "\(column)")
      }
    }
  }

  /// The JSON type of a cell: string, integer, number, boolean, null, object or array.
  static func jsonType(_ value: JSONValue) -> String {
    switch value {
    case .string: "string"
    case .int: "integer"
    case .double: "number"
    case .bool: "boolean"
    case .null: "null"
    case .object: "object"
    case .array: "array"
    }
  }

  static func table(_ cluster: TestCluster, _ path: String) async throws -> JSONValue {
    let (status, table) = try await cluster.call("GET", path, query: ["limit": "500"], accept: accept)
    #expect(status == 200)
    return table
  }

  static func create(_ cluster: TestCluster, _ path: String, _ object: JSONValue) async throws {
    let (status, answer) = try await cluster.call("POST", path, body: object)
    #expect(status == 201, "\(answer)")
  }

  static let node: JSONValue = [
    "apiVersion": "v1", "kind": "Node",
    "metadata": ["name": "sim-node-1", "labels": ["kubernetes.io/hostname": "sim-node-1"]],
  ]

  /// Pod p1 bound to sim-node-1 and reported Running with the status of pod-status-put-200.json.
  static func runningPod(_ cluster: TestCluster) async throws {
    try await create(cluster, "/api/v1/nodes", node)
    try await create(cluster, pods, PodBindingTests.pod)
    try await create(cluster, "\(pods)/p1/binding", PodBindingTests.binding(to: "sim-node-1"))
    var pod = try await cluster.call("GET", "\(pods)/p1").value
    pod["status"] = try ReferenceAnswer.json("pod-status-put-200.json")["status"]
    #expect(try await cluster.call("PUT", "\(pods)/p1/status", body: pod).status == 200)
  }

  @Test("pods: 9 columns, Ready 1/1, Running, Restarts \"0\", IP and Node, <none> (table-pods.json)")
  func podsTable() async throws {
    let cluster = try await TestCluster()
    try await Self.runningPod(cluster)
    try Self.expectMatches(try await Self.table(cluster, Self.pods), reference: "table-pods.json")
  }

  @Test("events: Last Seen first, Count an integer cell, Name last at priority 1 (table-events.json)")
  func eventsTable() async throws {
    let cluster = try await TestCluster()
    let now = Timestamps.format(Date())
    let event: JSONValue = [
      "apiVersion": "v1", "kind": "Event", "metadata": ["name": "p1.scheduled", "namespace": "default"],
      "involvedObject": ["kind": "Pod", "namespace": "default", "name": "p1"], "reason": "Scheduled",
      "message": "Successfully assigned default/p1 to sim-node-1", "source": ["component": "default-scheduler"],
      "firstTimestamp": .string(now), "lastTimestamp": .string(now), "count": 1, "type": "Normal",
    ]
    try await Self.create(cluster, "/api/v1/namespaces/default/events", event)
    let table = try await Self.table(cluster, "/api/v1/namespaces/default/events")
    try Self.expectMatches(table, reference: "table-events.json", except: ["Last Seen", "First Seen"])
  }

  @Test("services: kubernetes and web, External-IP <none>, 80/TCP, Selector at priority 1 (table-services.json)")
  func servicesTable() async throws {
    let cluster = try await TestCluster()
    let service: JSONValue = [
      "apiVersion": "v1", "kind": "Service", "metadata": ["name": "web"],
      "spec": [
        "type": "ClusterIP", "selector": ["app": "web"],
        "ports": [["name": "http", "port": 80, "protocol": "TCP", "targetPort": 8080]],
        "sessionAffinity": "None", "internalTrafficPolicy": "Cluster",
      ],
    ]
    try await Self.create(cluster, "/api/v1/namespaces/default/services", service)
    let table = try await Self.table(cluster, "/api/v1/namespaces/default/services")
    try Self.expectMatches(table, reference: "table-services.json", except: ["Age", "Cluster-IP"])
  }

  @Test("deployments: Ready 0/2, Up-to-date and Available integer cells under string columns (table-deployments.json)")
  func deploymentsTable() async throws {
    let cluster = try await TestCluster()
    let deployment: JSONValue = [
      "apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": "web", "labels": ["app": "web"]],
      "spec": [
        "replicas": 2, "selector": ["matchLabels": ["app": "web"]],
        "template": [
          "metadata": ["labels": ["app": "web"]],
          "spec": ["containers": [["name": "web", "image": "nginx:1.27", "ports": [["containerPort": 8080]]]]],
        ],
      ],
    ]
    try await Self.create(cluster, "/apis/apps/v1/namespaces/default/deployments", deployment)
    let table = try await Self.table(cluster, "/apis/apps/v1/namespaces/default/deployments")
    try Self.expectMatches(table, reference: "table-deployments.json")
  }

  @Test("nodes: Unknown without conditions, Roles <none>, empty Version, 5 priority-1 columns (table-nodes.json)")
  func nodesTable() async throws {
    let cluster = try await TestCluster()
    try await Self.create(cluster, "/api/v1/nodes", Self.node)
    try Self.expectMatches(try await Self.table(cluster, "/api/v1/nodes"), reference: "table-nodes.json")
  }

  @Test("configmaps: Data is an integer cell counting keys (table-configmaps.json)")
  func configMapsTable() async throws {
    let cluster = try await TestCluster()
    let configMap: JSONValue = [
      "apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "cm1"], "data": ["a": "1", "b": "2"],
    ]
    try await Self.create(cluster, "/api/v1/namespaces/default/configmaps", configMap)
    let table = try await Self.table(cluster, "/api/v1/namespaces/default/configmaps")
    try Self.expectMatches(table, reference: "table-configmaps.json")
  }

  @Test("namespaces: Status Active (table-namespaces.json; the embedded server has no kube-* namespaces)")
  func namespacesTable() async throws {
    let cluster = try await TestCluster()
    let table = try await Self.table(cluster, "/api/v1/namespaces")
    try Self.expectMatches(table, reference: "table-namespaces.json", rows: ["default"], comparesLabels: false)
  }

  @Test("a pod that Succeeded or Failed carries the Completed row condition, as the pod printer marks it")
  func finishedPodRowCondition() async throws {
    let cluster = try await TestCluster()
    try await Self.create(cluster, Self.pods, PodBindingTests.pod)
    var pod = try await cluster.call("GET", "\(Self.pods)/p1").value
    pod.set("Succeeded", at: ["status", "phase"])
    #expect(try await cluster.call("PUT", "\(Self.pods)/p1/status", body: pod).status == 200)
    let row = try #require(try await Self.table(cluster, Self.pods)["rows"]?.arrayValue?.first)
    #expect(
      row["conditions"] == [
        [
          "type": "Completed", "status": "True", "reason": "Succeeded",
          "message": "The pod has completed successfully.",
        ]
      ])
    #expect(row["cells"]?.arrayValue?[2] == "Succeeded")
  }

  @Test("a Table watch computes each event's ages when it is sent, and sends the columns with the first event only")
  func watchAgesAreCurrent() async throws {
    let clock = SettableDate(Date(timeIntervalSince1970: 1_800_000_000))
    let cluster = try await TestCluster(now: { clock.now })
    try await Self.create(cluster, "/api/v1/namespaces/default/configmaps", ["metadata": ["name": "cm1"]])
    let response = await cluster.send(
      "GET", "/api/v1/namespaces/default/configmaps", query: ["watch": "1"], accept: Self.accept)
    let (frames, task) = cluster.frames(of: response)
    defer { task.cancel() }
    clock.advance(by: 600)
    let patch: JSONValue = ["data": ["a": "1"]]
    _ = try await cluster.call(
      "PATCH", "/api/v1/namespaces/default/configmaps/cm1", body: patch, contentType: "application/merge-patch+json")
    let events = await frames.take(2)
    #expect(events.map { $0["type"] } == ["ADDED", "MODIFIED"])
    #expect(events.last?[path: ["object", "rows"]]?.arrayValue?.first?["cells"] == ["cm1", 1, "10m"])
    // Only the first event carries the column definitions, as from kube-apiserver.
    #expect(events.first?[path: ["object", "columnDefinitions"]]?.arrayValue?.count == 3)
    #expect(events.last?[path: ["object", "columnDefinitions"]] == .null)
  }
}

/// A time that the test moves by hand, read as the server's clock.
private final class SettableDate: Sendable {
  private let time: Mutex<Date>

  init(_ start: Date) { time = Mutex(start) }

  var now: Date { time.withLock { $0 } }

  func advance(by seconds: TimeInterval) { time.withLock { $0 = $0.addingTimeInterval(seconds) } }
}
