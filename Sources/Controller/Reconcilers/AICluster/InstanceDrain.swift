import AIResources
import ClusterClient
import KubeCore

/// The AICluster finalizer: a deleted AICluster stays (Terminating) until its instances are gone,
/// removed not-ready first like any scale-down, so that deletion is a drain an operator can watch
/// rather than everything vanishing at once through garbage collection.
struct InstanceDrain: Sendable {
  static let finalizer = "ai.aiconsole.dev/drain-instances"
  static let recheck: Duration = .seconds(1)
  let client: KubeClient
  let runtime: any WorkloadRuntime

  /// Adds the finalizer when missing; true when it did (the object changed).
  func ensureFinalizer(on object: JSONValue) async throws -> Bool {
    var finalizers = Self.finalizers(object)
    guard !finalizers.contains(Self.finalizer), let name = object[path: ["metadata", "name"]]?.stringValue else {
      return false
    }
    finalizers.append(Self.finalizer)
    _ = try await client.patch(
      AIClusterReconciler.aiclusters, name: name, namespace: object[path: ["metadata", "namespace"]]?.stringValue,
      .merge(Self.finalizersPatch(finalizers, version: object[path: ["metadata", "resourceVersion"]])))
    return true
  }

  /// Drains a deleted AICluster: removes instances, then the finalizer once none are left.
  func drain(_ object: JSONValue, request: ReconcileRequest) async throws -> ReconcileResult {
    let finalizers = Self.finalizers(object)
    guard finalizers.contains(Self.finalizer) else { return .done }
    let cluster = try object.decode(as: AICluster.self)
    let groups = try await runtime.observe(cluster)
    if groups.contains(where: { $0.total > 0 }) {
      let template = InstanceTemplate(cluster.spec)
      for group in groups where group.total > 0 {
        request.logger.info(
          "draining instances", metadata: ["revision": "\(group.revision)", "left": "\(group.total)"])
        try await runtime.scale(cluster, revision: group.revision, template: template, to: 0)
      }
      return .requeueAfter(Self.recheck)
    }
    for group in groups { try await runtime.retire(cluster, revision: group.revision) }
    _ = try await client.patch(
      AIClusterReconciler.aiclusters, name: request.key.name, namespace: request.key.namespace,
      .merge(
        Self.finalizersPatch(
          finalizers.filter { $0 != Self.finalizer }, version: object[path: ["metadata", "resourceVersion"]])))
    request.logger.info("instances drained; releasing the AICluster")
    return .done
  }

  static func finalizers(_ object: JSONValue) -> [String] {
    (object[path: ["metadata", "finalizers"]]?.arrayValue ?? []).compactMap(\.stringValue)
  }

  /// A merge patch replaces the whole list; the resourceVersion makes a concurrent change a conflict
  /// instead of a lost finalizer.
  static func finalizersPatch(_ finalizers: [String], version: JSONValue?) -> JSONValue {
    ["metadata": ["finalizers": .array(finalizers.map { .string($0) }), "resourceVersion": version ?? .null]]
  }
}
