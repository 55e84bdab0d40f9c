import ArgumentParser
import ClusterClient
import Controller
import Foundation
import Logging
import ServiceLifecycle

/// `aiconsole controller`: the AI controller against any cluster, until SIGINT or SIGTERM.
struct ControllerCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "controller", abstract: "Run the AI controller against a cluster (kubeconfig or in-cluster).")

  @OptionGroup var cluster: ClusterOptions

  @Flag(help: "Use the pod's service account instead of a kubeconfig.")
  var inCluster = false

  @Option(help: "Concurrent reconciles per kind.")
  var workers = 2

  @Flag(inversion: .prefixedNo, help: "Elect a leader through a Lease, so that only one controller acts.")
  var leaderElect = true

  @Option(help: "Namespace of the leader election Lease.")
  var leaseNamespace = "aiconsole-system"

  @Option(help: "Seconds a leader's lease lasts without renewal before another may take it.")
  var leaseDurationSeconds = 15

  @Option(
    help: ArgumentHelp(
      "Where instances run: simulated (Pods driven by the simulated GPU fleet) or kubernetes (Deployments).",
      discussion: "Default: simulated against aiconsole's embedded server, kubernetes against any other."))
  var runtime: ControllerManager.RuntimeKind?

  @OptionGroup var fleet: FleetOptions

  @Option(
    name: .customLong("metrics-source"),
    help: "A Prometheus text endpoint to read service load from for autoscaling (repeatable).")
  var metricsSources: [String] = []

  @Option(help: "Where to serve /metrics, /healthz and /readyz, e.g. :8080 or 127.0.0.1:0; 0 serves nothing.")
  var metricsBindAddress = "0"

  @Option(help: "Requests per second to the API server (burst is twice as many); 0 for no limit.")
  var kubeAPIQPS = 50

  func run() async throws {
    let configuration = try cluster.configuration(inCluster: inCluster)
    var limited = configuration
    limited.rateLimit =
      kubeAPIQPS > 0 ? RateLimit(queriesPerSecond: Double(kubeAPIQPS), burst: kubeAPIQPS * 2) : .unlimited
    let client = try KubeClient(configuration: limited.identified(as: "controller"))
    // JSON lines on stderr, which the kubelet makes the Pod's log.
    var logger = Logger(label: "aiconsole.controller") { JSONLineLogHandler(label: $0) }
    logger.logLevel = .info
    let identity = "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)"
    var kind = runtime
    if kind == nil { kind = try await Self.detectRuntime(client) }
    guard let kind else { return }
    logger.info("instances run on the \(kind.rawValue) runtime")
    if leaderElect {
      do {
        try await ControllerNamespace(client: client, name: leaseNamespace, logger: logger).ensure()
      } catch let missing as ControllerNamespace.Missing {
        try await client.shutdown()
        throw CommandFailure(message: missing.description)
      }
    }
    let metrics = ControllerMetrics()
    let manager = ControllerManager.aiController(
      client: client, runtime: kind, fleet: fleet.configuration, workers: workers,
      load: ServiceLoad(endpoints: metricsSources),
      metrics: metrics, election: leaderElect ? election(client, identity: identity) : nil, logger: logger)
    var services: [any Service] = [ManagerService(manager: manager)]
    if metricsBindAddress != "0" {
      guard let (host, port) = MetricsServer.parse(bindAddress: metricsBindAddress) else {
        throw CommandFailure(message: "--metrics-bind-address \(metricsBindAddress): expected HOST:PORT or :PORT")
      }
      let announcer = logger
      services.append(
        MetricsServer(metrics: metrics, host: host, port: port, logger: logger) { bound in
          announcer.info("serving metrics on \(host):\(bound)")
        })
    }
    let group = ServiceGroup(
      configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
    try await group.run()
    try await client.shutdown()
  }
}

extension ControllerCommand {
  /// aiconsole's embedded server says so in `/version`; anything else is a real cluster.
  static func detectRuntime(_ client: KubeClient) async throws -> ControllerManager.RuntimeKind {
    let version = try await client.json(.GET, "/version")
    return version["gitCommit"] == "aiconsole" ? .simulated : .kubernetes
  }

  /// client-go's proportions: renew deadline two thirds of the lease, retries every fifth.
  func election(_ client: KubeClient, identity: String) -> LeaderElection {
    var election = LeaderElection(
      client: client, namespace: leaseNamespace, name: "aiconsole-controller", identity: identity)
    let lease = max(leaseDurationSeconds, 1)
    election.leaseDuration = .seconds(lease)
    election.renewDeadline = .milliseconds(lease * 2000 / 3)
    election.retryPeriod = .milliseconds(lease * 200)
    return election
  }
}

extension ControllerManager.RuntimeKind: ExpressibleByArgument {}

/// The shape of the simulated GPU fleet.
struct FleetOptions: ParsableArguments {
  @Option(help: "Simulated GPU nodes.")
  var simulatedNodes = 4

  @Option(help: "GPUs per simulated node.")
  var simulatedGPUsPerNode = 8

  var configuration: SimulatedFleet.Configuration {
    SimulatedFleet.Configuration(nodes: simulatedNodes, gpusPerNode: simulatedGPUsPerNode)
  }
}

/// The manager as a service: graceful shutdown cancels it, which releases the lease.
struct ManagerService: Service {
  let manager: ControllerManager

  func run() async throws {
    try await cancelWhenGracefulShutdown { await manager.run() }
  }
}
