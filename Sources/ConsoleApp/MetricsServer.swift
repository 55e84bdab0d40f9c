import Controller
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// The controller's HTTP endpoint, as controller-runtime serves it: `/metrics` in the Prometheus
/// text format, and `/healthz` and `/readyz` for the kubelet's probes.
struct MetricsServer: Service {
  let metrics: ControllerMetrics
  let host: String
  let port: Int
  let logger: Logger
  /// Called with the bound port (useful when `port` is 0).
  let onListening: @Sendable (Int) async -> Void

  /// `:8080`, `127.0.0.1:0` or `0.0.0.0:9090`, as controller-runtime's `--metrics-bind-address`.
  static func parse(bindAddress: String) -> (host: String, port: Int)? {
    guard let colon = bindAddress.lastIndex(of: ":"), let port = Int(bindAddress[bindAddress.index(after: colon)...])
    else { return nil }
    let host = String(bindAddress[..<colon])
    return (host.isEmpty ? "0.0.0.0" : host, port)
  }

  func run() async throws {
    let router = Router()
    let metrics = metrics
    router.get("metrics") { _, _ -> Response in
      Response(
        status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
        body: .init(byteBuffer: ByteBuffer(bytes: metrics.exposition())))
    }
    router.get("healthz") { _, _ in "ok" }
    router.get("readyz") { _, _ in "ok" }
    let application = Application(
      router: router, configuration: .init(address: .hostname(host, port: port), serverName: nil),
      onServerRunning: { channel in await onListening(channel.localAddress?.port ?? port) }, logger: logger)
    try await application.runService()
  }
}
