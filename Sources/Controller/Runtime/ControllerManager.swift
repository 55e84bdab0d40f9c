import ClusterClient
import Foundation
import Logging

/// Runs a set of reconcilers, each as a `KindController`, and the companions they need (the
/// simulated fleet), behind leader election when asked, so that two controllers against one
/// cluster never both act.
public struct ControllerManager: Sendable {
  public var client: KubeClient
  public var reconcilers: [any Reconciler]
  /// Run while leading, beside the reconcilers (the simulated GPU fleet).
  public var companions: [@Sendable () async -> Void]
  public var workers: Int
  /// Where reconciles, queues and leadership are counted.
  public var metrics: ControllerMetrics
  /// nil: act without electing a leader (a single controller).
  public var election: LeaderElection?
  public var logger: Logger

  public init(
    client: KubeClient, reconcilers: [any Reconciler], companions: [@Sendable () async -> Void] = [],
    workers: Int = 2, metrics: ControllerMetrics = ControllerMetrics(), election: LeaderElection?, logger: Logger
  ) {
    self.metrics = metrics
    self.client = client
    self.reconcilers = reconcilers
    self.companions = companions
    self.workers = workers
    self.election = election
    self.logger = logger
  }

  /// Where AICluster instances run.
  public enum RuntimeKind: String, Sendable, CaseIterable {
    /// Pods driven by the simulated GPU fleet (the embedded world).
    case simulated
    /// A Deployment per AICluster revision, run by a real cluster.
    case kubernetes
  }

  /// The controller for all six AI kinds, with instances in `runtime`.
  public static func aiController(
    client: KubeClient, runtime: RuntimeKind, fleet: SimulatedFleet.Configuration = .init(), workers: Int = 2,
    load: ServiceLoad = ServiceLoad(endpoints: []), signals: GatewaySignals? = nil,
    metrics: ControllerMetrics = ControllerMetrics(), election: LeaderElection?, logger: Logger
  ) -> ControllerManager {
    let events = EventRecorder(client: client, instance: election?.identity ?? EventRecorder.hostName)
    // The gateway's request metrics come from the same --metrics-source endpoints as the load.
    let signals = signals ?? GatewaySignals(endpoints: load.endpoints)
    var companions: [@Sendable () async -> Void] = [{ await signals.run() }]
    let workloads: any WorkloadRuntime
    switch runtime {
    case .simulated:
      workloads = SimulatedRuntime(client: client)
      let simulated = SimulatedFleet(client: client, configuration: fleet, logger: logger)
      companions.append { await simulated.run() }
    case .kubernetes:
      workloads = KubernetesRuntime(client: client)
    }
    return ControllerManager(
      client: client,
      reconcilers: reconcilers(
        client: client, runtime: workloads, events: events, load: load, signals: signals),
      companions: companions, workers: workers, metrics: metrics, election: election, logger: logger)
  }

  /// One reconciler per AI kind.
  static func reconcilers(
    client: KubeClient, runtime: any WorkloadRuntime, events: EventRecorder, load: ServiceLoad,
    signals: GatewaySignals? = nil
  ) -> [any Reconciler] {
    [
      AIClusterReconciler(client: client, runtime: runtime, events: events),
      ModelDeploymentReconciler(client: client),
      InferenceServiceReconciler(client: client, events: events, load: load, signals: signals),
      AIModelRouteReconciler(client: client),
      ModelContextSchemaReconciler(client: client),
      AIApplicationReconciler(client: client, signals: signals),
    ]
  }

  /// Runs until cancelled. Leadership lost (the lease not renewed in time, say while the API
  /// server restarts) stops the reconcilers, and the manager campaigns again: once it leads again
  /// it starts them afresh, with new informers listing what changed meanwhile. Exiting instead,
  /// as controller-runtime does, would leave that to a supervisor a standalone process lacks.
  public func run() async {
    guard var election else { return await runControllers() }
    if election.logger == nil { election.logger = logger }
    let lease = "\(election.namespace)/\(election.name)"
    while !Task.isCancelled {
      logger.info("waiting to lead", metadata: ["lease": "\(lease)", "identity": "\(election.identity)"])
      metrics.leading(lease, false)
      await election.run {
        logger.info("leading")
        metrics.leading(lease, true)
        await runControllers()
      }
      metrics.leading(lease, false)
      logger.info("stopped leading")
    }
  }

  private func runControllers() async {
    await withTaskGroup(of: Void.self) { group in
      for reconciler in reconcilers {
        let controller = KindController(
          client: client, reconciler: reconciler, workers: workers, metrics: metrics, logger: logger)
        group.addTask { await controller.run() }
      }
      for companion in companions { group.addTask { await companion() } }
    }
  }
}
