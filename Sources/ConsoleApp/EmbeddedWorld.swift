import Controller
import EmbeddedCluster
import Foundation
import Gateway
import Logging
import ServiceLifecycle
import ServingLimits

/// The embedded world as services: the control plane and, as asked, the controller, the gateway
/// and the demo. `aiconsole serve` runs it headless; the console runs the same services in-process
/// beside its screen, so both leave the same state directory (`kubeconfig`, `endpoints.json`).
struct EmbeddedWorld {
  /// What to run, and where.
  struct Options: Sendable {
    var stateDirectory: URL
    var address = "127.0.0.1"
    var port = 0
    var controller = true
    var fleet = SimulatedFleet.Configuration()
    var gateway = true
    var gatewayPort = 0
    var demo = false
    var watchWindowBytes = ControlPlaneOptions.defaultWatchWindowBytes
    var connectionLimits = ConnectionLimits.apiServer
  }

  /// The services, in start order; a `ServiceGroup` stops them in reverse, so the demo's traffic
  /// stops before the gateway and the controller releases its lease before the server goes.
  let services: [any Service]

  /// Opens the store and builds the services; `onReady` runs once the API server serves.
  init(
    options: Options, logger: Logger, onReady: @escaping @Sendable (ControlPlaneEndpoints) -> Void = { _ in }
  ) async throws {
    // Sockets past the soft descriptor limit would fail while the hard one allows more; Go's
    // runtime raises it too. Both `serve` and the console's embedded world start here.
    DescriptorLimit.raiseToHardLimit()
    let ready = AsyncStream<ControlPlaneEndpoints>.makeStream()
    let gatewayReady = AsyncStream<ControlPlaneEndpoints>.makeStream()
    let demoReady = AsyncStream<ControlPlaneEndpoints>.makeStream()
    let gatewayListening = AsyncStream<Int>.makeStream()
    let gatewayMetrics = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(1))
    // Read before the control plane starts: its first write of endpoints.json drops the entry.
    let rememberedGatewayPort = EndpointsFile.port("gateway", in: options.stateDirectory)
    var planeOptions = ControlPlaneOptions(
      stateDirectory: options.stateDirectory, address: options.address, port: options.port,
      watchWindowBytes: options.watchWindowBytes)
    planeOptions.connectionLimits = options.connectionLimits
    let controlPlane = try await ControlPlane(options: planeOptions, logger: logger) { endpoints in
      for stream in [ready, gatewayReady, demoReady] { stream.continuation.yield(endpoints) }
      onReady(endpoints)
    }
    var services: [any Service] = [controlPlane]
    // The API server is HTTPS wherever it listens; the gateway and its metrics are plain HTTP, so
    // they stay on loopback when the API server is asked onto a network address.
    let local = GatewayListener.isLoopback(options.address) ? options.address : "127.0.0.1"
    if options.controller {
      services.append(
        EmbeddedControllerService(
          ready: ready.stream, fleet: options.fleet, gatewayMetrics: options.gateway ? gatewayMetrics.stream : nil))
    }
    if options.gateway {
      services.append(
        EmbeddedGatewayService(
          ready: gatewayReady.stream, address: local, port: options.gatewayPort,
          rememberedPort: rememberedGatewayPort,
          onListening: { port in
            gatewayListening.continuation.yield(port)
            let host = local.contains(":") ? "[\(local)]" : local
            gatewayMetrics.continuation.yield("http://\(host):\(port)/metrics")
          }))
    }
    if options.demo {
      services.append(
        EmbeddedDemoService(
          ready: demoReady.stream, gatewayPort: gatewayListening.stream, address: local))
    }
    self.services = services
  }
}
