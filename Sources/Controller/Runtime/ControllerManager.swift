import ClusterClient
import Foundation
import Logging

/// Runs a set of reconcilers, each as a `KindController`, behind leader election when asked, so
/// that two controllers against one cluster never both act.
public struct ControllerManager: Sendable {
  public var client: KubeClient
  public var reconcilers: [any Reconciler]
  public var workers: Int
  /// nil: act without electing a leader (a single controller).
  public var election: LeaderElection?
  public var logger: Logger

  public init(
    client: KubeClient, reconcilers: [any Reconciler], workers: Int = 2, election: LeaderElection?, logger: Logger
  ) {
    self.client = client
    self.reconcilers = reconcilers
    self.workers = workers
    self.election = election
    self.logger = logger
  }

  /// The reconcilers this build has, for `client`.
  public static func reconcilers(client: KubeClient) -> [any Reconciler] {
    [ModelContextSchemaReconciler(client: client), AIModelRouteReconciler(client: client)]
  }

  /// Runs until cancelled (or leadership is lost).
  public func run() async {
    guard let election else { return await runControllers() }
    logger.info(
      "waiting to lead",
      metadata: ["lease": "\(election.namespace)/\(election.name)", "identity": "\(election.identity)"])
    await election.run {
      logger.info("leading")
      await runControllers()
    }
    logger.info("stopped leading")
  }

  private func runControllers() async {
    await withTaskGroup(of: Void.self) { group in
      for reconciler in reconcilers {
        let controller = KindController(client: client, reconciler: reconciler, workers: workers, logger: logger)
        group.addTask { await controller.run() }
      }
    }
  }
}
