import ArgumentParser
import ClusterClient
import EmbeddedCluster
import Foundation
import Gateway
import Logging
import ServiceLifecycle

/// `aiconsole serve --demo`: once the control plane serves, seeds the demo application (once per
/// state directory, see `DemoSeed`), then, once the gateway listens, sends it demo traffic until
/// serve shuts down, its request IDs continuing after the last start's (`DemoRequestNumbersFile`).
/// Listed after the gateway, so it stops first.
struct EmbeddedDemoService: Service {
  let ready: AsyncStream<ControlPlaneEndpoints>
  /// The port the gateway bound.
  let gatewayPort: AsyncStream<Int>
  /// The address the gateway listens on.
  let address: String

  func run() async throws {
    var endpoints = ready.makeAsyncIterator()
    guard let control = await endpoints.next() else { return }
    let logger = Self.logger()
    let client = try KubeClient(
      configuration: .load(kubeconfig: control.kubeconfigPath, rateLimit: .unlimited).identified(as: "demo"))
    var failure: (any Error)?
    do {
      try await cancelWhenGracefulShutdown {
        try await seed(client, logger: logger)
        var ports = gatewayPort.makeAsyncIterator()
        guard let port = await ports.next() else { return }
        let transport = DemoHTTPTransport(baseURL: "http://\(Self.host(dialing: address)):\(port)")
        await DemoTraffic(transport: transport, clock: ContinuousClock(), logger: logger)
          .run(
            random: SystemRandomNumberGenerator(),
            numbers: DemoRequestNumbersFile.numbers(in: control.stateDirectory, logger: logger))
        try? await transport.shutdown()
      }
    } catch is CancellationError {
    } catch {
      failure = error
    }
    // Shut the client down on every path: an HTTP client dropped while open traps.
    try await client.shutdown()
    if let failure { throw ValidationError("the demo cannot start: \(failure)") }
  }

  /// JSON lines on stderr, warnings only: the demo speaks up when the gateway stops answering.
  static func logger() -> Logger {
    var logger = Logger(label: "aiconsole.demo") { JSONLineLogHandler(label: $0) }
    logger.logLevel = .warning
    return logger
  }

  /// Seeds, retrying while the API server is unreachable or busy; a refusal ends serve with its reason.
  private func seed(_ client: KubeClient, logger: Logger) async throws {
    var delay = Duration.milliseconds(200)
    while true {
      do {
        _ = try await DemoSeed(client: client, logger: logger).run()
        return
      } catch let error as DemoError where error.isTransient {
        try await Task.sleep(for: delay)
        delay = min(delay * 2, .seconds(5))
      }
    }
  }

  /// The host to reach a server listening on `address`: loopback for the wildcard addresses.
  static func host(dialing address: String) -> String {
    switch address {
    case "0.0.0.0", "": return "127.0.0.1"
    case "::": return "[::1]"
    default: return address.contains(":") ? "[\(address)]" : address
    }
  }
}
