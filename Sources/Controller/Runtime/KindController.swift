import AIResources
import ClusterClient
import Foundation
import KubeCore
import Logging

/// Runs one reconciler: an informer of its resource feeds a work queue, and `workers` tasks take
/// keys from it, reconcile, and requeue as the result or the error says. Other informers (of owned
/// objects) can map their events onto keys with `enqueue`.
public actor KindController {
  public nonisolated let reconciler: any Reconciler
  public nonisolated let queue = WorkQueue<NamespacedName>()
  private let informer: Informer
  private let workers: Int
  private let logger: Logger
  private let recorder: ReconcileRecorder?
  private let metrics: ControllerMetrics?
  private let name: String
  private var activeWorkers = 0
  /// Reconciles run, by result (`success`, `error`, `requeue`, `requeue_after`), for the metrics.
  public private(set) var totals: [String: Int] = [:]

  /// `recordsReconcileState`: write `status.reconcile` and `observedGeneration` after each
  /// reconcile (for resources with a status subresource).
  public init(
    client: KubeClient, reconciler: any Reconciler, workers: Int = 2, recordsReconcileState: Bool = true,
    metrics: ControllerMetrics? = nil, logger: Logger
  ) {
    self.metrics = metrics
    name = reconciler.resource.kind.lowercased()
    self.reconciler = reconciler
    informer = Informer(client: client, resource: reconciler.resource)
    recorder =
      recordsReconcileState && reconciler.resource.subresources.contains("status")
      ? ReconcileRecorder(client: client, resource: reconciler.resource) : nil
    self.workers = workers
    var logger = logger
    logger[metadataKey: "controller"] = "\(reconciler.resource.kind.lowercased())"
    logger[metadataKey: "kind"] = "\(reconciler.resource.kind)"
    self.logger = logger
  }

  /// The informer of the reconciled resource, to read the cache from reconcilers.
  public nonisolated var cache: Informer { informer }

  /// Queues a key (an owner found from an owned object's event, say).
  public nonisolated func enqueue(_ key: NamespacedName) async { await queue.add(key) }

  /// Runs until cancelled. The workers wait for the informer's first list.
  public func run() async {
    let events = await informer.events()
    let queue = queue
    await withTaskGroup(of: Void.self) { group in
      group.addTask { await self.informer.run() }
      group.addTask { await self.reconciler.watchRelated { await queue.add($0) } }
      group.addTask {
        for await event in events where Self.triggersReconcile(event) {
          if let object = event.object, let key = NamespacedName(of: object) { await queue.add(key) }
        }
      }
      // Workers start once the cache holds the server's state, as controller-runtime's
      // `WaitForCacheSync` before `Start`: a reconcile that read the cache of a half-listed
      // resource would count what is not there yet. Keys queued meanwhile wait.
      let informer = informer
      let workers = max(1, workers)
      group.addTask {
        // One wait for all workers: each wait subscribes to the informer, which replays its cache.
        await informer.waitUntilSynced()
        await withTaskGroup(of: Void.self) { pool in
          for _ in 0..<workers { pool.addTask { await self.work() } }
        }
      }
      if let metrics {
        let name = name
        group.addTask {
          while !Task.isCancelled {
            metrics.queue(name, depth: await queue.depth)
            try? await Task.sleep(for: .milliseconds(500))
          }
        }
      }
      await withTaskCancellationHandler {
        await group.waitForAll()
      } onCancel: {
        Task { await queue.shutDown() }
      }
    }
  }

  /// controller-runtime's `result` label values.
  static func metricResult(_ result: ReconcileState.Result, _ message: String?) -> String {
    switch result {
    case .success: "success"
    case .error: "error"
    case .requeue: message == nil ? "requeue" : "requeue_after"
    }
  }

  /// Every event but a change of status alone: reconciles write status (with a fresh
  /// reconcileID each time), and reacting to that would reconcile forever.
  static func triggersReconcile(_ event: InformerEvent) -> Bool {
    switch event {
    case .added, .deleted: return true
    case .state: return false
    case .modified(let old, let new): return withoutStatus(old) != withoutStatus(new)
    }
  }

  private static func withoutStatus(_ object: JSONValue) -> JSONValue {
    var object = object
    object["status"] = nil
    object.set(nil, at: ["metadata", "resourceVersion"])
    object.set(nil, at: ["metadata", "managedFields"])
    return object
  }

  private func work() async {
    while let key = await queue.next() {
      activeWorkers += 1
      metrics?.workers(name, active: activeWorkers)
      await process(key)
      activeWorkers -= 1
      metrics?.workers(name, active: activeWorkers)
      await queue.done(key)
    }
  }

  private func process(_ key: NamespacedName) async {
    let reconcileID = UUID().uuidString.lowercased()
    var logger = logger
    logger[metadataKey: "reconcileID"] = "\(reconcileID)"
    logger[metadataKey: "namespace"] = "\(key.namespace ?? "")"
    logger[metadataKey: "name"] = "\(key.name)"
    let start = ReconcileRecorder.Start(await informer.object(namespace: key.namespace, name: key.name))
    if let changeID = start.changeID { logger[metadataKey: "correlation_id"] = "\(changeID)" }
    let request = ReconcileRequest(key: key, reconcileID: reconcileID, changeID: start.changeID, logger: logger)
    let outcome: (ReconcileState.Result, String?)
    do {
      switch try await reconciler.reconcile(request) {
      case .done:
        await queue.forget(key)
        count("success")
        outcome = (.success, nil)
      case .requeue:
        await queue.addRateLimited(key)
        count("requeue")
        outcome = (.requeue, nil)
      case .requeueAfter(let delay):
        await queue.forget(key)
        await queue.add(key, after: delay)
        count("requeue_after")
        outcome = (.requeue, "again in \(delay)")
      }
    } catch {
      logger.warning("reconcile failed", metadata: ["error": "\(error)"])
      await queue.addRateLimited(key)
      count("error")
      outcome = (.error, "\(error)")
    }
    metrics?.reconciled(
      name, result: Self.metricResult(outcome.0, outcome.1), duration: ContinuousClock.now - start.time)
    guard start.generation != nil else { return }  // gone before it began: no status to write
    await recorder?.record(key, start: start, reconcileID: request.reconcileID, result: outcome.0, message: outcome.1)
  }

  private func count(_ result: String) {
    totals[result, default: 0] += 1
    metrics?.queued(name, retry: result == "error" || result == "requeue")
  }
}
