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

  func run() async throws {
    let configuration: ClusterConfiguration
    do {
      configuration = inCluster ? try ClusterConfiguration.inCluster() : try cluster.configuration()
    } catch let failure as CommandFailure {
      throw failure
    } catch {
      throw CommandFailure(message: "\(error)")
    }
    let client = try KubeClient(configuration: configuration)
    var logger = Logger(label: "aiconsole.controller")
    logger.logLevel = .info
    let identity = "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)"
    let manager = ControllerManager(
      client: client, reconcilers: ControllerManager.reconcilers(client: client), workers: workers,
      election: leaderElect ? election(client, identity: identity) : nil,
      logger: logger)
    let service = ManagerService(manager: manager)
    let group = ServiceGroup(
      configuration: .init(services: [service], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
    try await group.run()
    try await client.shutdown()
  }
}

extension ControllerCommand {
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

/// The manager as a service: graceful shutdown cancels it, which releases the lease.
struct ManagerService: Service {
  let manager: ControllerManager

  func run() async throws {
    try await cancelWhenGracefulShutdown { await manager.run() }
  }
}
