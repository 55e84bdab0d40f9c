import ClusterClient
import EmbeddedCluster
import Foundation
import Gateway
import Logging
import ServiceLifecycle

/// The AI gateway inside `aiconsole serve`: once the control plane serves, it connects through the
/// kubeconfig like any client, serves on `address:port`, adds `gateway` and `metrics` to
/// `endpoints.json`, and writes its access log into the Pod `aiconsole-system/aiconsole-gateway`.
struct EmbeddedGatewayService: Service {
  let ready: AsyncStream<ControlPlaneEndpoints>
  let address: String
  let port: Int
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
      client: client, host: address, port: port, accessLog: { pod.write($0) }, logger: logger)
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
}
