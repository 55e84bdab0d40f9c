import ClusterClient
import Foundation
import KubeCore

/// What one reconcile is about: the object's key, and the IDs that tie its logs, status and
/// Events together.
public struct ReconcileRequest: Sendable, Hashable {
  public var key: NamespacedName
  /// Fresh for every reconcile.
  public var reconcileID: String

  public init(key: NamespacedName, reconcileID: String = UUID().uuidString.lowercased()) {
    self.key = key
    self.reconcileID = reconcileID
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
}
