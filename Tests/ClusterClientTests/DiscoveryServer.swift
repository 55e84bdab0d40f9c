import ClusterClient
import ClusterTestSupport
import Foundation
import Hummingbird
import KubeCore

/// A loopback API server that serves discovery only, legacy or aggregated, and counts the
/// requests it answers, so that a test can see which ones a cache saved. Groups can be added while
/// it runs, as a CRD installed after a client cached the catalog.
final class DiscoveryServer: Sendable {
  /// What the server serves and what it was asked.
  actor State {
    var aggregated: Bool
    /// Resources by group (`""` for core), each group serving version `v1`.
    var groups: [String: [(name: String, kind: String)]] = ["": [("configmaps", "ConfigMap")]]
    private(set) var requests: [String] = []

    init(aggregated: Bool) { self.aggregated = aggregated }

    func add(group: String, resource: String, kind: String) { groups[group, default: []].append((resource, kind)) }
    func record(_ path: String) { requests.append(path) }
  }

  let state: State
  let url: String
  private let task: Task<Void, any Error>

  private init(state: State, url: String, task: Task<Void, any Error>) {
    self.state = state
    self.url = url
    self.task = task
  }

  static func start(aggregated: Bool) async -> DiscoveryServer {
    let state = State(aggregated: aggregated)
    let router = Router()
    router.get("/api") { request, _ in await answer(state, request, group: nil) }
    router.get("/apis") { request, _ in await answer(state, request, group: nil) }
    router.get("/api/v1") { request, _ in await answer(state, request, group: "") }
    router.get("/apis/:group/v1") { request, context in
      await answer(state, request, group: context.parameters.get("group") ?? "")
    }
    let (port, task) = await LoopbackHTTPServer.start(router)
    return DiscoveryServer(state: state, url: "http://127.0.0.1:\(port)", task: task)
  }

  func stop() { task.cancel() }

  /// The requests answered so far.
  var requests: [String] { get async { await state.requests } }

  func client() throws -> KubeClient {
    try KubeClient(
      configuration: ClusterConfiguration(server: url, contextName: "t", namespace: "default", source: "test"))
  }

  private static func answer(_ state: State, _ request: Request, group: String?) async -> Response {
    let path = request.uri.path
    await state.record(path)
    let groups = await state.groups
    let document: JSONValue?
    if let group {
      document = groups[group].map { resourceList(group, $0) }
    } else if await state.aggregated,
      request.headers[.accept]?.contains("as=APIGroupDiscoveryList") == true
    {
      document = aggregated(groups.filter { ($0.key == "") == (path == "/api") })
    } else {
      document = path == "/api" ? ["kind": "APIVersions", "versions": ["v1"]] : groupList(groups)
    }
    guard let document else { return Response(status: .notFound) }
    return Response(
      status: .ok, headers: [.contentType: "application/json"],
      body: .init(byteBuffer: .init(bytes: document.serialized())))
  }

  private static func groupVersion(_ group: String) -> String { group.isEmpty ? "v1" : "\(group)/v1" }

  private static func resourceList(_ group: String, _ resources: [(name: String, kind: String)]) -> JSONValue {
    [
      "kind": "APIResourceList", "groupVersion": .string(groupVersion(group)),
      "resources": .array(
        resources.flatMap { resource -> [JSONValue] in
          [
            [
              "name": .string(resource.name), "singularName": .string(resource.kind.lowercased()),
              "namespaced": true, "kind": .string(resource.kind), "verbs": ["get", "list", "watch"],
            ],
            [
              "name": .string(resource.name + "/status"), "namespaced": true, "kind": .string(resource.kind),
              "verbs": ["get"],
            ],
          ]
        }),
    ]
  }

  private static func groupList(_ groups: [String: [(name: String, kind: String)]]) -> JSONValue {
    let named = groups.keys.filter { !$0.isEmpty }.sorted().map { name -> JSONValue in
      let version: JSONValue = ["groupVersion": .string(groupVersion(name)), "version": "v1"]
      return ["name": .string(name), "versions": [version], "preferredVersion": version]
    }
    return ["kind": "APIGroupList", "apiVersion": "v1", "groups": .array(named)]
  }

  private static func aggregated(_ groups: [String: [(name: String, kind: String)]]) -> JSONValue {
    let items = groups.keys.sorted().map { name -> JSONValue in
      let resources = (groups[name] ?? []).map { resource -> JSONValue in
        [
          "resource": .string(resource.name), "singularResource": .string(resource.kind.lowercased()),
          "scope": "Namespaced", "verbs": ["get", "list", "watch"],
          "responseKind": ["group": .string(name), "version": "v1", "kind": .string(resource.kind)],
          "subresources": [
            [
              "subresource": "status", "verbs": ["get"],
              "responseKind": ["group": .string(name), "version": "v1", "kind": .string(resource.kind)],
            ]
          ],
        ]
      }
      return ["metadata": ["name": .string(name)], "versions": [["version": "v1", "resources": .array(resources)]]]
    }
    return ["kind": "APIGroupDiscoveryList", "apiVersion": "apidiscovery.k8s.io/v2", "items": .array(items)]
  }
}
