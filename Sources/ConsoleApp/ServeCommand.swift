import ArgumentParser
import ClusterClient
import Controller
import EmbeddedCluster
import Foundation
import Logging
import ServiceLifecycle

/// `aiconsole serve`: the embedded control plane, headless, until SIGINT or SIGTERM.
struct ServeCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve", abstract: "Run the embedded Kubernetes-compatible control plane.")

  @Option(help: "Directory for the store, credentials, kubeconfig and endpoints.json.")
  var stateDir: String

  @Option(help: "Address to listen on.")
  var address = "127.0.0.1"

  @Option(help: "Port to listen on; 0 picks a free one and keeps it across restarts.")
  var port = 0

  @Flag(inversion: .prefixedNo, help: "Run the AI controller in-process (behind the same Lease as any other).")
  var controller = true

  @OptionGroup var fleet: FleetOptions

  @Flag(
    inversion: .prefixedNo, help: "Run the AI gateway in-process (published as gateway and metrics in endpoints.json).")
  var gateway = true

  @Option(help: "Port of the AI gateway; 0 picks a free one and keeps it across restarts.")
  var gatewayPort = 0

  @Flag(help: "Seed a demo application in namespace demo (once) and send it traffic through the gateway.")
  var demo = false

  @Option(
    help: ArgumentHelp(
      "Memory for recent changes that watches resume from (bytes, or Ki/Mi/Gi); a watch from older gets 410 Gone.",
      valueName: "size"))
  var watchCacheBytes = ByteCount(ControlPlaneOptions.defaultWatchWindowBytes)

  @OptionGroup(title: "Client connections") var connections: ConnectionOptions

  func validate() throws {
    if demo, !gateway { throw ValidationError("--demo sends its traffic through the gateway; drop --no-gateway") }
  }

  func run() async throws {
    var logger = Logger(label: "aiconsole.serve")
    logger.logLevel = .warning
    var options = EmbeddedWorld.Options(stateDirectory: URL(fileURLWithPath: stateDir, isDirectory: true))
    options.address = address
    options.port = port
    options.controller = controller
    options.fleet = fleet.configuration
    options.gateway = gateway
    options.gatewayPort = gatewayPort
    options.demo = demo
    options.watchWindowBytes = watchCacheBytes.bytes
    options.connectionLimits = connections.limits
    let world: EmbeddedWorld
    do {
      world = try await EmbeddedWorld(options: options, logger: logger) { endpoints in
        StandardOutput.write(lines: ["ready \(endpoints.apiServer)"])
      }
    } catch let inUse as StateDirectoryLock.InUse {
      // Not a usage error: say who holds the directory and stop, without the usage text.
      throw CommandFailure(message: "\(inUse)")
    } catch {
      throw ValidationError("cannot start the control plane in \(stateDir): \(error)")
    }
    let group = ServiceGroup(
      configuration: .init(services: world.services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
    try await group.run()
  }
}

/// The AI controller inside `aiconsole serve`: once the control plane serves, it connects through
/// the kubeconfig the server wrote, as any client would, and competes for the same Lease as a
/// standalone `aiconsole controller`.
struct EmbeddedControllerService: Service {
  let ready: AsyncStream<ControlPlaneEndpoints>
  let fleet: SimulatedFleet.Configuration
  /// The in-process gateway's metrics URL once it listens (nil without a gateway): the
  /// controller's SLOs and canary analysis read the gateway's per-pool request metrics there.
  var gatewayMetrics: AsyncStream<String>?

  /// How long the controller waits for the gateway to listen before it starts without its metrics.
  static let gatewayWait: Duration = .seconds(10)

  func run() async throws {
    var iterator = ready.makeAsyncIterator()
    guard let endpoints = await iterator.next() else { return }
    let signals = await gatewaySignals()
    // In-process with the server: the rate limit would only slow the one client it protects.
    let client = try KubeClient(
      configuration: .load(kubeconfig: endpoints.kubeconfigPath, rateLimit: .unlimited).identified(as: "controller"))
    let identity = "embedded-\(ProcessInfo.processInfo.processIdentifier)"
    // The controller's JSON log is its Pod's log, as on a real cluster; warnings also reach stderr.
    let pod = ComponentPod(client: client, name: "aiconsole-controller", component: "controller")
    let logger = Logger(label: "aiconsole.controller") { label in
      var podLog = JSONLineLogHandler(label: label) { pod.write($0) }
      podLog.logLevel = .info
      var standardError = JSONLineLogHandler(label: label)
      standardError.logLevel = .warning
      return MultiplexLogHandler([podLog, standardError])
    }
    let metrics = ControllerMetrics()
    let manager = ControllerManager.aiController(
      client: client, runtime: .simulated, fleet: fleet, workers: 4, signals: signals, metrics: metrics,
      election: LeaderElection(
        client: client, namespace: "aiconsole-system", name: "aiconsole-controller", identity: identity),
      logger: logger)
    let server = MetricsServer(metrics: metrics, host: "127.0.0.1", port: 0, logger: logger) { port in
      try? EndpointsFile.publish(
        "controllerMetrics", url: "http://127.0.0.1:\(port)/metrics", in: endpoints.stateDirectory)
    }
    try await cancelWhenGracefulShutdown {
      await withTaskGroup(of: Void.self) { group in
        group.addTask { try? await server.run() }
        group.addTask { await pod.run() }
        await manager.run()
        pod.finish()
        group.cancelAll()
      }
    }
    try await client.shutdown()
  }

  /// The gateway's request metrics, once the gateway listens; none when it does not within
  /// `gatewayWait` (a port taken, say), so that the controller is never held back by it.
  private func gatewaySignals() async -> GatewaySignals? {
    guard let gatewayMetrics else { return nil }
    let url = await withTaskGroup(of: String?.self) { group in
      group.addTask {
        var urls = gatewayMetrics.makeAsyncIterator()
        return await urls.next()
      }
      group.addTask {
        try? await Task.sleep(for: Self.gatewayWait)
        return nil
      }
      let first = await group.next() ?? nil
      group.cancelAll()
      return first
    }
    return url.map { GatewaySignals(endpoints: [$0]) }
  }
}
