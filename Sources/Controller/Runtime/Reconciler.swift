import AIResources
import ClusterClient
import Foundation
import KubeCore
import Logging

/// What one reconcile is about: the object's key, and the IDs that tie its logs, status and
/// Events together.
public struct ReconcileRequest: Sendable {
  public var key: NamespacedName
  /// Fresh for every reconcile.
  public var reconcileID: String
  /// The `ai.aiconsole.dev/change-id` of the edit that led here, for Events.
  public var changeID: String?
  /// Carries the key, the reconcileID and the change's `correlation_id`.
  public var logger: Logger

  public init(
    key: NamespacedName, reconcileID: String = UUID().uuidString.lowercased(), changeID: String? = nil,
    logger: Logger = Logger(label: "reconcile")
  ) {
    self.key = key
    self.reconcileID = reconcileID
    self.changeID = changeID
    self.logger = logger
  }

  /// The request as seen from `object`, the reconcile's own fresh read: the informer that
  /// started it can lag that read, and an Event must name the edit whose effect it reports.
  public func acting(on object: JSONValue) -> ReconcileRequest {
    let fresh = ChangeStamp.acted(on: object)
    guard let fresh, fresh != changeID else { return self }
    var request = self
    request.changeID = fresh
    request.logger[metadataKey: "correlation_id"] = "\(fresh)"
    return request
  }
}

/// What a reconcile asks of the queue when it succeeded.
public enum ReconcileResult: Sendable, Equatable {
  /// In sync: nothing more until the next change.
  case done
  /// Again soon, through the key's backoff (progress is pending, not failing).
  case requeue
  /// Again after this delay (a wait that is known, such as an instance starting).
  case requeueAfter(Duration)
}

/// Brings one kind's objects to their desired state; must be idempotent, since it runs again on
/// every change, every requeue and every restart.
public protocol Reconciler: Sendable {
  /// The resource whose objects it reconciles.
  var resource: APIResource { get }
  /// Reconciles one object; a thrown error retries the key with backoff.
  func reconcile(_ request: ReconcileRequest) async throws -> ReconcileResult
  /// Runs, for as long as the controller runs, whatever else should wake a key up (informers of
  /// owned or referenced objects), calling `enqueue` with the key to reconcile again.
  func watchRelated(enqueue: @escaping @Sendable (NamespacedName) async -> Void) async
}

extension Reconciler {
  /// Nothing but the reconciled resource's own changes.
  public func watchRelated(enqueue: @escaping @Sendable (NamespacedName) async -> Void) async {}
}
