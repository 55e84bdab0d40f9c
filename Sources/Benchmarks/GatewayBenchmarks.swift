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
/// on loopback in front of a zero-delay HTTP backend, and drives nginx in front of the same
/// backend in the same run, and the backend directly, so that the added latency is the proxy's
/// own: once for whole JSON replies, once for streamed ones (server-sent events, 200 chunks).
enum GatewayBenchmarks {
  static let area = "AI gateway (proxying to a zero-delay HTTP backend, wrk on loopback)"
  static let body = #"{"model":"bench-model","messages":[{"role":"user","content":"hello"}],"max_tokens":8}"#
  static let streamBody =
    #"{"model":"bench-stream","messages":[{"role":"user","content":"hello"}],"max_tokens":200,"stream":true}"#
  /// Rounds of each comparison; each round runs direct, the gateway and nginx once.
  static let rounds = 5
  /// Seconds of each wrk run.
  static let wrkSeconds = 6

  /// One thing proxied: its name in the report, its request body and where each side listens.
  struct Case {
    var name: String
    var body: String
    var direct: String
    var gateway: String
    var nginx: String
    /// The processes of each proxy, whose CPU time a round's requests are divided into.
    var processes: [String: () -> [pid_t]]
  }

  static func run(into report: inout BenchmarkReport) async throws {
    guard FileManager.default.isExecutableFile(atPath: WrkRun.binary),
      FileManager.default.isExecutableFile(atPath: NginxProxy.binary)
    else {
      progress("skipping the gateway benchmark: wrk or nginx is missing (make bench installs them)")
      return
    }
    let (backendPort, backend) = try await GatewayBackend.start(streaming: false)
    defer { backend.cancel() }
    let (streamPort, streamBackend) = try await GatewayBackend.start(streaming: true)
    defer { streamBackend.cancel() }
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
      try await seed(client, name: "bench", model: "bench-model", backendPort: backendPort)
      try await seed(client, name: "bench-stream", model: "bench-stream", backendPort: streamPort)
      let gatewayPort = try freeBenchPort()
      let gateway = try GatewayProcess(kubeconfig: endpoints.kubeconfigPath, port: gatewayPort)
      defer { gateway.stop() }
      let nginx = try NginxProxy(backendPort: backendPort, port: try freeBenchPort())
      defer { nginx.stop() }
      let streamNginx = try NginxProxy(backendPort: streamPort, port: try freeBenchPort())
      defer { streamNginx.stop() }
      let path = "/v1/chat/completions"
      let cases = [
        Case(
          name: "whole replies", body: body, direct: "http://127.0.0.1:\(backendPort)\(path)",
          gateway: "http://127.0.0.1:\(gatewayPort)\(path)", nginx: "http://127.0.0.1:\(nginx.port)\(path)",
          processes: ["gateway": { [gateway.process.processIdentifier] }, "nginx": { nginx.processIDs() }]),
        Case(
          name: "streamed replies (SSE, 200 chunks)", body: streamBody,
          direct: "http://127.0.0.1:\(streamPort)\(path)", gateway: "http://127.0.0.1:\(gatewayPort)\(path)",
          nginx: "http://127.0.0.1:\(streamNginx.port)\(path)",
          processes: ["gateway": { [gateway.process.processIdentifier] }, "nginx": { streamNginx.processIDs() }]),
      ]
      for item in cases {
        try await waitUntilAnswering(item.gateway, body: item.body, "the gateway")
        try await waitUntilAnswering(item.nginx, body: item.body, "nginx")
      }
      let load = BenchmarkReport.loadAverage()
      for item in cases { try compare(item, report: &report) }
      report.note(
        "Load average (1 min) \(load) before the gateway comparisons and \(BenchmarkReport.loadAverage()) after; "
          + "each figure is the median of \(rounds) rounds of 6 s, each round running the backend direct, the "
          + "gateway and nginx in turn (the order of the two proxies alternating).", area: area)
      try await client.shutdown()
      await group.triggerGracefulShutdown()
      tasks.cancelAll()
    }
  }

  /// `rounds` rounds, each of direct, gateway and nginx, so that drift on a noisy machine hits all alike.
  static func compare(_ item: Case, report: inout BenchmarkReport) throws {
    var runs: [String: [WrkRun]] = [:]
    var cpu: [String: [Double]] = [:]
    for round in 0..<rounds {
      let proxies = [("gateway", item.gateway), ("nginx", item.nginx)]
      for (name, url) in [("direct", item.direct)] + (round % 2 == 0 ? proxies : proxies.reversed()) {
        let processes = (item.processes[name]?() ?? []).map { ProcessSampler(pid: $0) }
        let before = processes.compactMap { $0.cpuSeconds() }.reduce(0, +)
        let run = try WrkRun.run(url: url, body: item.body, seconds: wrkSeconds)
        let used = processes.compactMap { $0.cpuSeconds() }.reduce(0, +) - before
        let perRequest = used / (run.requestsPerSecond * Double(wrkSeconds)) * 1e6
        if !processes.isEmpty { cpu[name, default: []].append(perRequest) }
        progress(
          String(
            format: "%@ round %d %@: %.0f req/s, p50 %.2f ms, p99 %.2f ms%@", item.name, round, name,
            run.requestsPerSecond, run.p50, run.p99,
            processes.isEmpty ? "" : String(format: ", CPU %.1f µs/request", perRequest)))
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
          "requests/s through the proxy, \(item.name) (16 connections; backend direct: \(Int(median("direct", \.requestsPerSecond)))/s)",
        median: String(format: "%.0f/s", gatewayRate), p99: "—", target: "≥ 80% of nginx",
        peer: String(format: "nginx %.0f/s", nginxRate), ratio: String(format: "%.0f%%", gatewayRate / nginxRate * 100),
        met: gatewayRate >= nginxRate * 0.8))
    // Percentiles through each proxy side by side with the backend's own: a difference of two
    // p99s, each from its own noisy run, said little and once came out negative.
    let latency = { (name: String) in
      String(format: "%.2f / %.2f ms", median(name, \.p50), median(name, \.p99))
    }
    let (gatewayCPU, nginxCPU) = (
      Sample(values: cpu["gateway"] ?? []).median, Sample(values: cpu["nginx"] ?? []).median
    )
    report.add(
      .init(
        area: area,
        name: "CPU per request in the proxy, \(item.name) (user + system time from /proc over a round ÷ its requests)",
        median: String(format: "%.1f µs", gatewayCPU), p99: "—", target: "—",
        peer: String(format: "nginx %.1f µs (master and workers)", nginxCPU),
        ratio: String(format: "%.2f×", gatewayCPU / nginxCPU), met: nil))
    let (gatewayP99, nginxP99) = (median("gateway", \.p99), median("nginx", \.p99))
    report.add(
      .init(
        area: area,
        name: "latency through the proxy, \(item.name), p50 / p99 (the backend direct: \(latency("direct")))",
        median: String(format: "%.2f ms", median("gateway", \.p50)), p99: String(format: "%.2f ms", gatewayP99),
        target: "p99 ≤ nginx's", peer: "nginx " + latency("nginx"),
        ratio: String(format: "p99 %.2f×", gatewayP99 / nginxP99), met: gatewayP99 <= nginxP99))
  }

  /// A route for `model` to an InferenceService `name` whose one instance is a Ready,
  /// non-simulated Pod at the backend.
  static func seed(_ client: KubeClient, name: String, model: String, backendPort: Int) async throws {
    let meta: JSONValue = ["name": .string(name), "namespace": "default"]
    _ = try await client.create(
      InferenceService.resource,
      [
        "apiVersion": "ai.aiconsole.dev/v1", "kind": "InferenceService", "metadata": meta,
        "spec": ["modelRef": ["name": .string(name)], "replicas": 1],
      ])
    _ = try await client.create(
      AICluster.resource,
      [
        "apiVersion": "ai.aiconsole.dev/v1", "kind": "AICluster", "metadata": meta,
        "spec": ["modelName": .string(model), "replicas": 1, "endpoint": ["port": .int(Int64(backendPort))]],
      ])
    let pods = CoreResources.pods
    var pod = try await client.create(
      pods,
      [
        "apiVersion": "v1", "kind": "Pod",
        "metadata": [
          "name": .string("\(name)-0"), "namespace": "default", "labels": ["ai.aiconsole.dev/cluster": .string(name)],
        ],
        "spec": ["containers": [["name": "model", "image": "bench"]]],
      ])
    pod["status"] = ["phase": "Running", "podIP": "127.0.0.1", "conditions": [["type": "Ready", "status": "True"]]]
    _ = try await client.update(pods, pod, subresource: "status")
    _ = try await client.create(
      AIModelRoute.resource,
      [
        "apiVersion": "ai.aiconsole.dev/v1", "kind": "AIModelRoute", "metadata": meta,
        "spec": ["model": .string(model), "backends": [["service": .string(name)]]],
      ])
  }

  /// Polls until `url` answers the benchmark's request with 200 (the gateway's watch has the Pod,
  /// nginx has started).
  static func waitUntilAnswering(_ url: String, body: String, _ what: String) async throws {
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
