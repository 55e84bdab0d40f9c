import AIResources
import ClusterClient
import ClusterTestSupport
import Foundation
import KubeCore
import Logging
import Testing

@testable import Gateway

/// Every request metric says which InferenceService, pool (stable or canary) and ModelDeployment
/// served it, as routing decided it; requests that reached no pool carry empty values.
@Suite("gateway per-pool labels") struct GatewayPoolLabelsTests {
  static let poolLabels = ServingPool.labelNames

  /// A route to `chat` in `shop`, whose canary (`chat-v2`) takes 30%, with one instance per pool;
  /// a keyed route; and a route to a service without instances.
  static func snapshot() -> RoutingSnapshot {
    var snapshot = RoutingSnapshot()
    func route(_ name: String, model: String, service: String) -> AIModelRoute {
      AIModelRoute(
        metadata: ObjectMeta(name: name, namespace: "shop"),
        spec: .init(model: model, backends: [.init(service: service)]))
    }
    var keyed = route("keyed", model: "llama-keyed", service: "chat")
    keyed.spec.auth = .init(type: .apiKey, secretRef: .init(name: "keys"))
    snapshot.routes = [
      route("chat", model: "llama", service: "chat"), keyed, route("idle", model: "idle", service: "idle"),
    ]
    snapshot.services["shop/chat"] = InferenceService(
      metadata: ObjectMeta(name: "chat", namespace: "shop"),
      spec: .init(modelRef: .init(name: "chat-v1"), canary: .init(modelRef: .init(name: "chat-v2"), trafficPercent: 30))
    )
    snapshot.services["shop/idle"] = InferenceService(
      metadata: ObjectMeta(name: "idle", namespace: "shop"), spec: .init(modelRef: .init(name: "idle-v1")))
    snapshot.instances["shop/chat"] = [instance("chat-0", cluster: "chat")]
    snapshot.instances["shop/chat-canary"] = [instance("chat-canary-0", cluster: "chat-canary")]
    return snapshot
  }

  static func instance(_ pod: String, cluster: String) -> ServingInstance {
    ServingInstance(
      kind: .http, namespace: "shop", pod: pod, cluster: cluster, node: "node-1", podIP: "127.0.0.1", port: 8000,
      modelName: "llama", modelVersion: "1", gpus: 0)
  }

  /// A handler whose records go to `metrics`; it never talks to the cluster (the snapshot is given).
  static func handler(_ metrics: GatewayMetrics) throws -> (RequestHandler, KubeClient) {
    let client = try KubeClient(
      configuration: ClusterConfiguration(
        server: "http://127.0.0.1:1", contextName: "none", namespace: "default", source: "test"))
    let load = InstanceLoad()
    let handler = RequestHandler(
      view: ClusterView(client: client), backend: SimulatedBackend(load: load, metrics: FleetMetrics()) { _, _ in },
      busy: { load.inFlightNow($0.pod) }, record: { metrics.count($0) })
    return (handler, client)
  }

  static func body(_ model: String, _ index: Int) -> [UInt8] {
    Array(#"{"model":"\#(model)","messages":[{"role":"user","content":"q\#(index)"}],"max_tokens":4}"#.utf8)
  }

  /// 400 requests through the canary split, each finished as the proxy finishes one, plus three
  /// refusals; returns the exposition and how many requests each pool took.
  static func serve() throws -> (exposition: [UInt8], canary: Int, stable: Int) {
    let metrics = GatewayMetrics()
    let (handler, client) = try handler(metrics)
    defer { Task { try? await client.shutdown() } }
    let snapshot = snapshot()
    var taken = [String: Int]()
    for index in 0..<400 {
      let routing = handler.route(
        .chat, authorization: nil, requestID: "r\(index)", body: body("llama", index), snapshot: snapshot)
      guard case .proxy(let admitted, let instance, _) = routing else {
        Issue.record("request \(index) was not routed to a pool: \(routing)")
        continue
      }
      taken[instance.cluster, default: 0] += 1
      handler.finished(admitted, instance: instance, prompt: 3, completion: 5, firstToken: .milliseconds(2))
    }
    for (model, index) in [("llama-keyed", 0), ("idle", 1), ("gpt-7", 2)] {
      _ = handler.route(.chat, authorization: nil, requestID: "x\(index)", body: body(model, index), snapshot: snapshot)
    }
    return (metrics.exposition(), taken["chat-canary"] ?? 0, taken["chat"] ?? 0)
  }

  @Test("a canary split shows both pools on every request metric, with the service and its ModelDeployments")
  func canarySplit() throws {
    let (exposition, canary, stable) = try Self.serve()
    #expect(canary + stable == 400)
    #expect((60...180).contains(canary), "the canary takes about 30%: \(canary) of 400")
    let families = Dictionary(
      uniqueKeysWithValues: try PrometheusTextParser.parse(exposition).map { ($0.name, $0) })
    let requests = try #require(families["aiconsole_gateway_requests_total"])
    let byPool = { (pool: String, deployment: String) in
      requests.samples(matching: [
        "route": "shop/chat", "model": "llama", "code": "200", "service_namespace": "shop",
        "inference_service": "chat", "pool": pool, "model_deployment": deployment,
      ]).first?.value
    }
    #expect(byPool("canary", "chat-v2") == Double(canary))
    #expect(byPool("stable", "chat-v1") == Double(stable))
    for name in [
      "gen_ai_client_token_usage", "gen_ai_server_request_duration", "gen_ai_server_time_to_first_token",
      "gen_ai_server_time_per_output_token",
    ] {
      let family = try #require(families[name], "\(name) is exposed")
      let canaryCount = family.histograms.filter {
        $0.label("pool") == "canary" && $0.label("model_deployment") == "chat-v2"
          && $0.label("inference_service") == "chat" && $0.label("service_namespace") == "shop"
          && $0.label("gen_ai_token_type") != "output"
      }.compactMap(\.count).reduce(0, +)
      #expect(canaryCount == Double(canary), "\(name) counts the canary's requests")
    }
  }

  @Test("a request that reached no pool keeps its route and model and leaves what it never learned empty")
  func refusals() throws {
    let (exposition, _, _) = try Self.serve()
    let families = try PrometheusTextParser.parse(exposition)
    let errors = try #require(families.first { $0.name == "aiconsole_gateway_errors_total" })
    func pool(_ reason: String) throws -> [String] {
      let sample = try #require(errors.samples(matching: ["reason": reason]).first, "an error of reason \(reason)")
      #expect(sample.label("route") != nil && sample.label("model") != nil)
      return Self.poolLabels.map { sample.label($0) ?? "" }
    }
    #expect(try pool("invalid_api_key") == ["", "", "", ""], "refused before routing picked a pool")
    #expect(try pool("model_not_found") == ["", "", "", ""], "no route at all")
    #expect(
      try pool("no_ready_instance") == ["shop", "idle", "stable", "idle-v1"],
      "the pool it would have gone to, which has no Ready instance")
    let unauthorized = try #require(errors.samples(matching: ["reason": "invalid_api_key"]).first)
    #expect(unauthorized.label("route") == "shop/keyed" && unauthorized.label("model") == "llama-keyed")
  }

  @Test(
    "Prometheus's own parser (promtool check metrics) reads the exposition",
    .enabled(if: FileManager.default.isExecutableFile(atPath: Promtool.path)))
  func promtoolParses() throws {
    let (exposition, _, _) = try Self.serve()
    let (status, output) = try Promtool.checkMetrics(exposition)
    // 0: clean; 3: parsed, with lint findings; 1: the text does not parse.
    #expect(status == 0 || status == 3, "promtool exited \(status): \(output)")
    #expect(!output.contains("error while linting"), "\(output)")
  }
}
