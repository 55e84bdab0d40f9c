import AIResources
import ClusterClient
import KubeCore

/// The Service in front of an AICluster's instances: one per AICluster, selecting every revision,
/// so its address stays the same through rollouts and rollbacks.
struct ClusterService: Sendable {
  static let services = CoreResources.services
  let client: KubeClient

  /// Creates the Service if it is missing; returns the URL clients use.
  func ensure(for cluster: AICluster) async throws -> String {
    let url = Self.url(cluster)
    if cluster.status?.endpointURL == url { return url }  // made by an earlier reconcile
    do {
      _ = try await client.create(Self.services, Self.manifest(cluster))
    } catch KubeError.alreadyExists {}
    return url
  }

  static func url(_ cluster: AICluster) -> String {
    let port = cluster.spec.endpoint?.port ?? InstanceTemplate.defaultPort
    let host =
      cluster.spec.endpoint?.hostname
      ?? "\(cluster.metadata.name ?? "").\(cluster.metadata.namespace ?? "default").svc.cluster.local"
    return "http://\(host):\(port)"
  }

  static func manifest(_ cluster: AICluster) -> JSONValue {
    let port = Int64(cluster.spec.endpoint?.port ?? InstanceTemplate.defaultPort)
    return [
      "apiVersion": "v1", "kind": "Service",
      "metadata": [
        "name": .string(cluster.metadata.name ?? ""), "namespace": .string(cluster.metadata.namespace ?? "default"),
        "labels": [InstanceLabels.cluster: .string(cluster.metadata.name ?? "")],
        "ownerReferences": [InstanceLabels.ownerReference(cluster)],
      ],
      "spec": [
        "type": .string(cluster.spec.endpoint?.type?.rawValue ?? "ClusterIP"),
        "selector": [InstanceLabels.cluster: .string(cluster.metadata.name ?? "")],
        "ports": [["name": "http", "port": .int(port), "targetPort": .int(port), "protocol": "TCP"]],
      ],
    ]
  }
}
