import AIResources
import AsyncHTTPClient
import ClusterClient
import ClusterTestSupport
import Controller
import Foundation
import Gateway
import KubeCore
import Logging
import NIOCore
import Testing

/// The controller as `ControllerHarness` runs it, plus the real AI gateway in-process on loopback,
/// whose `/metrics` the controller reads through `GatewaySignals` every `period`, and a load
/// generator sending chat completions through it.
final class DeliveryHarness: Sendable {
  let server: EmbeddedServer
  let client: KubeClient
  let gatewayClient: KubeClient
  let gateway: String
  let signals: GatewaySignals
  let gatewayTask: Task<Void, any Error>
  let controller: Task<Void, Never>

  static let services = InferenceService.resource
  static let applications = AIApplication.resource
  static let routes = AIModelRoute.resource

  init(period: Duration = .milliseconds(250), timeScale: Double = 0.5) async throws {
    server = try await EmbeddedServer.start()
    client = try KubeClient(configuration: .load(kubeconfig: server.kubeconfigPath, rateLimit: .unlimited))
    gatewayClient = try KubeClient(configuration: .load(kubeconfig: server.kubeconfigPath, rateLimit: .unlimited))
    var logger = Logger(label: "delivery-test")
    logger.logLevel = .warning
    let aiGateway = AIGateway(
      client: gatewayClient, host: "127.0.0.1", port: 0, timeScale: timeScale, accessLog: { _ in }, logger: logger)
    let (ports, announce) = AsyncStream<Int>.makeStream()
    gatewayTask = Task { try await aiGateway.run { announce.yield($0) } }
    var iterator = ports.makeAsyncIterator()
    guard let port = await iterator.next() else { throw HarnessError.noGateway }
    gateway = "http://127.0.0.1:\(port)"
    signals = GatewaySignals(endpoints: ["\(gateway)/metrics"], period: period)
    let manager = ControllerManager.aiController(
      client: client, runtime: .simulated, fleet: .init(nodes: 3, gpusPerNode: 8, tick: .milliseconds(100)),
      workers: 4, signals: signals, election: nil, logger: logger)
    controller = Task { await manager.run() }
  }

  enum HarnessError: Error { case noGateway, timedOut(String) }

  func stop() async throws {
    controller.cancel()
    await controller.value
    gatewayTask.cancel()
    _ = await gatewayTask.result
    try await client.shutdown()
    try await gatewayClient.shutdown()
    await server.stop()
  }

  /// Polls until `condition` holds.
  func eventually(_ what: String, timeout: Duration = .seconds(120), _ condition: () async throws -> Bool)
    async throws
  {
    if await Polling.until(upTo: timeout, { (try? await condition()) == true }) { return }
    Issue.record("timed out waiting until \(what)")
    throw HarnessError.timedOut(what)
  }

  func model(_ name: String, version: String, failureMode: String = "none") async throws {
    _ = try await client.create(
      ModelDeployment.resource,
      [
        "apiVersion": "ai.aiconsole.dev/v1", "kind": "ModelDeployment",
        "metadata": ["name": .string(name), "namespace": "default"],
        "spec": [
          "modelName": "llama-3-8b", "modelVersion": .string(version), "artifactURI": "hf://meta-llama/llama-3-8b",
          "simulation": ["startupSeconds": 0, "failureMode": .string(failureMode)],
        ],
      ])
  }

  /// An InferenceService `chat` of two stable instances behind the route `chat` (model `chat`),
  /// serving once this returns.
  func servingChat(rateLimit: JSONValue? = nil) async throws {
    try await model("llama-v1", version: "1")
    _ = try await client.create(
      Self.services,
      [
        "apiVersion": "ai.aiconsole.dev/v1", "kind": "InferenceService",
        "metadata": ["name": "chat", "namespace": "default"],
        "spec": ["modelRef": ["name": "llama-v1"], "replicas": 2, "hardwareProfile": ["gpu": 1]],
      ])
    var route: JSONValue = ["model": "chat", "backends": [["service": "chat"]]]
    if let rateLimit { route["rateLimit"] = rateLimit }
    _ = try await client.create(
      Self.routes,
      [
        "apiVersion": "ai.aiconsole.dev/v1", "kind": "AIModelRoute",
        "metadata": ["name": "chat", "namespace": "default"], "spec": route,
      ])
    try await eventually("chat serves from two ready instances") {
      guard try await service()[path: ["status", "readyReplicas"]] == 2 else { return false }
      return try await send().status == 200
    }
  }

  func service() async throws -> JSONValue {
    try await client.get(Self.services, name: "chat", namespace: "default")
  }

  /// Adds a canary of `model` with `analysis` to `chat`, as an operator's edit would.
  func startCanary(_ model: String, analysis: JSONValue) async throws {
    _ = try await client.patch(
      Self.services, name: "chat", namespace: "default",
      .merge(["spec": ["canary": ["modelRef": ["name": .string(model)], "trafficPercent": 0, "analysis": analysis]]]))
  }

  func condition(_ type: String, of object: JSONValue) -> JSONValue? {
    object[path: ["status", "conditions"]]?.arrayValue?.first { $0["type"]?.stringValue == type }
  }

  /// One chat completion through the gateway: its status and the instance that served it.
  func send() async throws -> (status: Int, backend: String?) {
    var request = HTTPClientRequest(url: "\(gateway)/v1/chat/completions")
    request.method = .POST
    request.headers.add(name: "content-type", value: "application/json")
    request.body = .bytes(
      ByteBuffer(string: #"{"model":"chat","messages":[{"role":"user","content":"hello"}],"max_tokens":16}"#))
    let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
    _ = try await response.body.collect(upTo: 1 << 20)
    return (Int(response.status.code), response.headers["x-aiconsole-backend"].first)
  }

  /// Sends requests from `workers` loops until cancelled.
  func traffic(workers: Int = 4) -> Task<Void, Never> {
    Task {
      await withTaskGroup(of: Void.self) { group in
        for _ in 0..<workers {
          group.addTask {
            while !Task.isCancelled { _ = try? await self.send() }
          }
        }
      }
    }
  }

  /// The canary pool's requests so far, as the gateway counts them.
  func canaryRequests() async throws -> Double {
    var request = HTTPClientRequest(url: "\(gateway)/metrics")
    request.method = .GET
    let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
    let body = String(buffer: try await response.body.collect(upTo: 64 << 20))
    let families = try PrometheusTextParser.parse(Array(body.utf8))
    return families.first { $0.name == "aiconsole_gateway_requests_total" }?.samples
      .filter { $0.label("pool") == "canary" }.map(\.value).reduce(0, +) ?? 0
  }
}
