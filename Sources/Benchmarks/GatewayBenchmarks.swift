import AIResources
import AsyncHTTPClient
import ClusterClient
import EmbeddedCluster
import Foundation
import Gateway
import Hummingbird
import KubeCore
import Logging
import NIOCore
import ServiceLifecycle

/// The gateway as a proxy (`aiconsole gateway`, its own process, as it is deployed): wrk drives it
/// on loopback in front of one fixed zero-delay HTTP backend,
/// and drives nginx in front of the same backend in the same run, and the backend directly, so
/// that the added latency is the proxy's own.
enum GatewayBenchmarks {
  static let area = "AI gateway (proxying to a zero-delay HTTP backend, wrk on loopback)"
  static let body = #"{"model":"bench-model","messages":[{"role":"user","content":"hello"}],"max_tokens":8}"#
  static let reply =
    #"{"id":"chatcmpl-bench","object":"chat.completion","created":0,"model":"bench-model","choices":[{"index":0,"message":{"role":"assistant","content":"hi"},"finish_reason":"stop"}],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}"#

  static func run(into report: inout BenchmarkReport) async throws {
    guard FileManager.default.isExecutableFile(atPath: WrkRun.binary),
      FileManager.default.isExecutableFile(atPath: NginxProxy.binary)
    else {
      progress("skipping the gateway benchmark: wrk or nginx is missing (make bench installs them)")
      return
    }
    let (backendPort, backend) = try await zeroDelayBackend()
    defer { backend.cancel() }
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "aiconsole-bench-gateway-\(UUID().uuidString.prefix(6))")
    defer { try? FileManager.default.removeItem(at: directory) }
    let ready = AsyncStream<ControlPlaneEndpoints>.makeStream()
    var logger = Logger(label: "bench")
    logger.logLevel = .error
    let controlPlane = try await ControlPlane(options: .init(stateDirectory: directory), logger: logger) {
      ready.continuation.yield($0)
    }
    let group = ServiceGroup(configuration: .init(services: [controlPlane], logger: logger))
    try await withThrowingTaskGroup(of: Void.self) { tasks in
      tasks.addTask { try await group.run() }
      var iterator = ready.stream.makeAsyncIterator()
      guard let endpoints = await iterator.next() else { throw BenchmarkFailure("the control plane did not start") }
      let client = try KubeClient(configuration: try .load(kubeconfig: endpoints.kubeconfigPath, rateLimit: .unlimited))
      try await seed(client, backendPort: backendPort)
      let gatewayPort = try freeBenchPort()
      let gateway = try GatewayProcess(kubeconfig: endpoints.kubeconfigPath, port: gatewayPort)
      defer { gateway.stop() }
      try await waitUntilAnswering("http://127.0.0.1:\(gatewayPort)/v1/chat/completions", "the gateway")
      let nginx = try NginxProxy(backendPort: backendPort, port: try freeBenchPort())
      defer { nginx.stop() }
      try await waitUntilAnswering("http://127.0.0.1:\(nginx.port)/v1/chat/completions", "nginx")
      try compare(
        report: &report, direct: "http://127.0.0.1:\(backendPort)/v1/chat/completions",
        gateway: "http://127.0.0.1:\(gatewayPort)/v1/chat/completions",
        nginx: "http://127.0.0.1:\(nginx.port)/v1/chat/completions")
      try await client.shutdown()
      await group.triggerGracefulShutdown()
      tasks.cancelAll()
    }
  }

  /// Three rounds, each of direct, gateway and nginx, so that drift on a noisy machine hits all alike.
  static func compare(report: inout BenchmarkReport, direct: String, gateway: String, nginx: String) throws {
    var runs: [String: [WrkRun]] = [:]
    for round in 0..<3 {
      for (name, url) in [("direct", direct), ("gateway", gateway), ("nginx", nginx)] {
        let run = try WrkRun.run(url: url, body: body)
        progress(
          String(
            format: "round %d %@: %.0f req/s, p50 %.2f ms, p99 %.2f ms", round, name, run.requestsPerSecond, run.p50,
            run.p99))
        runs[name, default: []].append(run)
      }
    }
    func median(_ name: String, _ value: (WrkRun) -> Double) -> Double {
      Sample(values: (runs[name] ?? []).map(value)).median
    }
    let gatewayRate = median("gateway", \.requestsPerSecond)
    let nginxRate = median("nginx", \.requestsPerSecond)
    report.add(
      .init(
        area: area,
        name:
          "requests/s through the proxy (16 connections; backend direct: \(Int(median("direct", \.requestsPerSecond)))/s)",
        median: String(format: "%.0f/s", gatewayRate), p99: "—", target: "≥ 50% of nginx",
        peer: String(format: "nginx %.0f/s", nginxRate), ratio: String(format: "%.0f%%", gatewayRate / nginxRate * 100),
        met: gatewayRate >= nginxRate / 2))
    // Percentiles through each proxy side by side with the backend's own: a difference of two
    // p99s, each from its own noisy run, said little and once came out negative.
    let latency = { (name: String) in
      String(format: "%.2f / %.2f ms", median(name, \.p50), median(name, \.p99))
    }
    report.add(
      .init(
        area: area,
        name: "latency through the proxy, p50 / p99 (the backend direct: \(latency("direct")))",
        median: String(format: "%.2f ms", median("gateway", \.p50)),
        p99: String(format: "%.2f ms", median("gateway", \.p99)), target: "—",
        peer: "nginx " + latency("nginx")))
  }

  /// A backend that answers every POST with the same small completion at once.
  static func zeroDelayBackend() async throws -> (Int, Task<Void, any Error>) {
    let router = Router()
    let reply = ByteBuffer(string: Self.reply)
    router.post("v1/chat/completions") { _, _ in
      Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: reply))
    }
    let port = AsyncStream<Int>.makeStream()
    let application = Application(
      router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
      onServerRunning: { port.continuation.yield($0.localAddress?.port ?? 0) })
    let task = Task { try await application.runService() }
    var ports = port.stream.makeAsyncIterator()
    return (await ports.next() ?? 0, task)
  }

  /// A route to an InferenceService whose one instance is a Ready, non-simulated Pod at the backend.
  static func seed(_ client: KubeClient, backendPort: Int) async throws {
    let meta: JSONValue = ["name": "bench", "namespace": "default"]
    _ = try await client.create(
      InferenceService.resource,
      [
        "apiVersion": "ai.aiconsole.dev/v1", "kind": "InferenceService", "metadata": meta,
        "spec": ["modelRef": ["name": "bench"], "replicas": 1],
      ])
    _ = try await client.create(
      AICluster.resource,
      [
        "apiVersion": "ai.aiconsole.dev/v1", "kind": "AICluster", "metadata": meta,
        "spec": ["modelName": "bench-model", "replicas": 1, "endpoint": ["port": .int(Int64(backendPort))]],
      ])
    let pods = CoreResources.pods
    var pod = try await client.create(
      pods,
      [
        "apiVersion": "v1", "kind": "Pod",
        "metadata": ["name": "bench-0", "namespace": "default", "labels": ["ai.aiconsole.dev/cluster": "bench"]],
        "spec": ["containers": [["name": "model", "image": "bench"]]],
      ])
    pod["status"] = ["phase": "Running", "podIP": "127.0.0.1", "conditions": [["type": "Ready", "status": "True"]]]
    _ = try await client.update(pods, pod, subresource: "status")
    _ = try await client.create(
      AIModelRoute.resource,
      [
        "apiVersion": "ai.aiconsole.dev/v1", "kind": "AIModelRoute", "metadata": meta,
        "spec": ["model": "bench-model", "backends": [["service": "bench"]]],
      ])
  }

  /// Polls until `url` answers the benchmark's request with 200 (the gateway's watch has the Pod,
  /// nginx has started).
  static func waitUntilAnswering(_ url: String, _ what: String) async throws {
    for _ in 0..<100 {
      var request = HTTPClientRequest(url: url)
      request.method = .POST
      request.headers.add(name: "content-type", value: "application/json")
      request.body = .bytes(ByteBuffer(string: body))
      if let response = try? await HTTPClient.shared.execute(request, timeout: .seconds(5)), response.status == .ok {
        return
      }
      try await Task.sleep(for: .milliseconds(100))
    }
    throw BenchmarkFailure("\(what) did not answer within 10 s")
  }

  static func freeBenchPort() throws -> Int {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer -> Int32 in
        guard bind(descriptor, pointer, length) == 0 else { return -1 }
        return getsockname(descriptor, pointer, &length)
      }
    }
    guard bound == 0 else { throw BenchmarkFailure("no free port") }
    return Int(UInt16(bigEndian: address.sin_port))
  }
}
