import ClusterClient
import EmbeddedCluster
import Foundation
import Gateway
import Logging
import ServiceLifecycle

/// The AI gateway inside `aiconsole serve`: once the control plane serves, it connects through the
/// kubeconfig like any client, serves on `address:port` (keeping the last start's port when no
/// port is asked for and it is free), adds `gateway` and `metrics` to
/// `endpoints.json`, and writes its access log into the Pod `aiconsole-system/aiconsole-gateway`.
struct EmbeddedGatewayService: Service {
  let ready: AsyncStream<ControlPlaneEndpoints>
  let address: String
  /// The port asked for; 0 for `rememberedPort` when it is free, else any free one.
  let port: Int
  /// The port of the last start, read from `endpoints.json` before this start replaced it.
  var rememberedPort: Int?
  /// Told the bound port once the gateway listens (the demo traffic waits for it).
  var onListening: @Sendable (Int) -> Void = { _ in }

  func run() async throws {
    var iterator = ready.makeAsyncIterator()
    guard let endpoints = await iterator.next() else { return }
    let client = try KubeClient(
      configuration: .load(kubeconfig: endpoints.kubeconfigPath, rateLimit: .unlimited).identified(as: "gateway"))
    let pod = ComponentPod(client: client, name: "aiconsole-gateway", component: "gateway")
    var logger = Logger(label: "aiconsole.gateway") { JSONLineLogHandler(label: $0) }
    logger.logLevel = .warning
    let gateway = AIGateway(
      client: client, host: address, port: chosenPort, accessLog: { pod.write($0) }, logger: logger)
    let host = address.contains(":") ? "[\(address)]" : address
    try await cancelWhenGracefulShutdown {
      try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { await pod.run() }
        group.addTask {
          try await gateway.run { port in
            try? EndpointsFile.publish("gateway", url: "http://\(host):\(port)", in: endpoints.stateDirectory)
            try? EndpointsFile.publish("metrics", url: "http://\(host):\(port)/metrics", in: endpoints.stateDirectory)
            onListening(port)
          }
        }
        try await group.next()
        pod.finish()
        group.cancelAll()
      }
    }
    try await client.shutdown()
  }

  /// The port to bind: the one asked for, else the last start's while nothing else holds it (as
  /// the API server keeps its port), else 0 for any free one.
  var chosenPort: Int {
    guard port == 0, let rememberedPort, PortProbe.isFree(address, rememberedPort) else { return port }
    return rememberedPort
  }
}
