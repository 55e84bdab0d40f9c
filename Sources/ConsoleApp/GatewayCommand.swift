import ArgumentParser
import ClusterClient
import Foundation
import Gateway
import Logging
import ServiceLifecycle

/// `aiconsole gateway`: the AI gateway against any cluster, until SIGINT or SIGTERM.
struct GatewayCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "gateway",
    abstract: "Run the AI gateway (OpenAI-compatible, routed by AIModelRoutes) against a cluster.")

  @OptionGroup var cluster: ClusterOptions

  @Flag(help: "Use the pod's service account instead of a kubeconfig.")
  var inCluster = false

  @Option(help: "Address to listen on; other than loopback it needs --tls-cert-file and --tls-key-file.")
  var address = "127.0.0.1"

  @Option(help: "PEM certificate (chain) to serve HTTPS with.")
  var tlsCertFile: String?

  @Option(help: "PEM private key of --tls-cert-file.")
  var tlsKeyFile: String?

  @Option(help: "Port to listen on; 0 picks a free one.")
  var port = 8080

  func run() async throws {
    let listener: GatewayListener
    do {
      listener = try GatewayListener(host: address, certificateFile: tlsCertFile, keyFile: tlsKeyFile)
    } catch {
      throw ValidationError("\(error)")
    }
    let configuration = try cluster.configuration(inCluster: inCluster)
    let client = try KubeClient(configuration: configuration.identified(as: "gateway"))
    // The access log is JSON lines on stderr, which the kubelet makes the Pod's log.
    let accessLog = BufferedStandardError()
    var logger = Logger(label: "aiconsole.gateway") { JSONLineLogHandler(label: $0) }
    logger.logLevel = .info
    let gateway = AIGateway(
      client: client, host: address, port: port, tls: listener.tls, accessLog: { accessLog.write($0) },
      logger: logger)
    let announcer = logger
    let service = GatewayRunService(gateway: gateway, accessLog: accessLog) { port in
      announcer.info("serving the AI gateway on \(listener.scheme)://\(address):\(port)")
    }
    let group = ServiceGroup(
      configuration: .init(services: [service], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
    try await group.run()
    try await client.shutdown()
  }
}

/// The gateway as a service: graceful shutdown cancels it.
struct GatewayRunService: Service {
  let gateway: AIGateway
  let accessLog: BufferedStandardError
  let onListening: @Sendable (Int) async -> Void

  func run() async throws {
    try await cancelWhenGracefulShutdown {
      try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { await accessLog.run() }
        group.addTask { try await gateway.run(onListening: onListening) }
        try await group.next()
        group.cancelAll()
      }
    }
  }
}
