import AIResources
import KubeCore
import Testing

@testable import Gateway

/// The routes as the routing snapshot works them out once (`RoutePlan`): the same choices as
/// `RouteSelection` makes per request, and one set of metric handles per route × pool, which a
/// served request counts in without its labels being hashed.
@Suite struct RoutePlanTests {
  static func route(_ name: String, model: String, path: String? = nil, backends: [(String, Int?)]) -> AIModelRoute {
    var route = AIModelRoute(
      metadata: ObjectMeta(name: name, namespace: "shop"),
      spec: .init(model: model, backends: backends.map { .init(service: $0.0, weight: $0.1) }))
    route.spec.path = path
    return route
  }

  @Test func theSnapshotPicksTheRouteRouteSelectionPicks() {
    var snapshot = RoutingSnapshot()
    snapshot.routes = [
      Self.route("b", model: "llama", path: "/v1/completions", backends: [("svc", nil)]),
      Self.route("a", model: "llama", backends: [("svc", nil)]), Self.route("c", model: "mistral", backends: []),
      Self.route("a0", model: "mistral", path: "/v1/completions", backends: []),
    ]
    for model in ["llama", "mistral", "gpt-4"] {
      for path in [InferenceRequest.Endpoint.chat.rawValue, InferenceRequest.Endpoint.completion.rawValue] {
        #expect(
          snapshot.plan(for: model, path: path)?.route.metadata.name
            == RouteSelection.route(for: model, path: path, in: snapshot.routes)?.metadata.name, "\(model) \(path)")
      }
    }
    #expect(snapshot.plan(for: "llama", path: "/v1/chat/completions")?.name == "shop/a")
  }

  @Test func weightsAndPoolsAreWorkedOutOnceAndFollowChanges() throws {
    var snapshot = GatewayPoolLabelsTests.snapshot()
    snapshot.routes.append(Self.route("split", model: "split", backends: [("chat", 80), ("gone", 20), ("off", -5)]))
    let split = try #require(snapshot.plan(for: "split", path: "/v1/chat/completions"))
    #expect(split.totalWeight == 100)
    #expect(split.backend(at: 79)?.service == "chat" && split.backend(at: 80)?.service == "gone")
    #expect(split.backends[1].pools == nil, "a service that does not exist")
    let chat = try #require(split.backends[0].pools)
    #expect(
      chat.stable.labels == ServingPool(namespace: "shop", service: "chat", role: .stable, modelDeployment: "chat-v1"))
    #expect(chat.canary?.instances.map(\.pod) == ["chat-canary-0"])
    snapshot.instances["shop/chat-canary"] = []
    let replanned = try #require(snapshot.plan(for: "split", path: "/v1/chat/completions")?.backends[0].pools)
    #expect(replanned.canary?.instances.isEmpty == true, "a change of instances plans again")
  }

  @Test func requestsOfOnePoolShareItsHandlesAndCountAsByTheirLabels() throws {
    let snapshot = GatewayPoolLabelsTests.snapshot()
    let viaSlots = GatewayMetrics()
    let byLabels = GatewayMetrics()
    let (handler, client) = try GatewayPoolLabelsTests.handler(viaSlots)
    defer { Task { try? await client.shutdown() } }
    var slots: [String: MetricsSlot] = [:]
    for index in 0..<100 {
      let routing = handler.route(
        .chat, authorization: nil, requestID: "r\(index)", body: GatewayPoolLabelsTests.body("llama", index),
        snapshot: snapshot)
      guard case .proxy(let admitted, let instance, _) = routing else {
        Issue.record("request \(index) was not routed: \(routing)")
        continue
      }
      let record = admitted.record(status: 200, instance: instance, prompt: 3, completion: 5)
      let slot = try #require(record.series)
      #expect(slots[instance.cluster, default: slot] === slot, "one slot per pool")
      slots[instance.cluster] = slot
      viaSlots.count(record)
      var unslotted = record
      unslotted.series = nil
      byLabels.count(unslotted)
    }
    #expect(slots.count == 2)
    // The same series, counted the same (in another order: the registry emits in order of making).
    func lines(_ metrics: GatewayMetrics) -> [String] {
      String(decoding: metrics.exposition(), as: UTF8.self).split(separator: "\n").map(String.init).sorted()
    }
    let (slotted, labelled) = (lines(viaSlots), lines(byLabels))
    #expect(slotted.count == labelled.count)
    #expect(slotted.filter { !labelled.contains($0) }.isEmpty, "\(slotted.filter { !labelled.contains($0) })")
    let served = slotted.filter { $0.hasPrefix("aiconsole_gateway_requests_total{") }
    #expect(served.compactMap { Int($0.split(separator: " ").last ?? "") }.reduce(0, +) == 100)
  }
}
