import AIResources
import ClusterClient
import KubeCore

/// A real cluster's runtime: each AICluster revision is one `apps/v1` Deployment named
/// `<cluster>-<revision>`, owned by the AICluster, whose ReplicaSet makes the instance Pods and
/// whose status says how many exist and serve. The AICluster reconciler moves instances between
/// revisions by scaling these Deployments; Kubernetes does the rest, including removing Pods that
/// do not serve before those that do when a Deployment shrinks.
///
/// Hand edits: `spec.replicas` belongs to the AICluster. A Deployment scaled by hand wakes its
/// AICluster through the watch, and the next reconcile scales it back to what the rollout plan
/// wants. Every other hand edit (image, resources, env) is kept, because the runtime only ever
/// patches `spec.replicas`, and lasts until that revision is retired; to change instances for
/// good, change the AICluster. A Deployment deleted by hand is made again by the next reconcile.
public struct KubernetesRuntime: WorkloadRuntime {
  /// `kubernetes`.
  public let name = "kubernetes"
  static let deployments = CoreResources.deployments
  static let pods = CoreResources.pods
  /// The container every instance Pod runs.
  static let containerName = "model"
  let client: KubeClient

  /// A runtime that makes Deployments through `client`.
  public init(client: KubeClient) { self.client = client }

  public func observe(_ cluster: AICluster) async throws -> [RevisionInstances] {
    let deployments = try await objects(Self.deployments, of: cluster)
    // Pods are read only to explain instances that do not serve, which a settled cluster has none of.
    let explain = deployments.contains { !Self.servesFully($0) }
    let pods = explain ? try await objects(Self.pods, of: cluster) : []
    let podsByRevision = Dictionary(grouping: pods, by: Self.revision(of:))
    return deployments.compactMap { deployment in
      Self.instances(of: deployment, pods: podsByRevision[Self.revision(of: deployment)] ?? [])
    }
    .sorted { $0.revision < $1.revision }
  }

  /// Patches `spec.replicas` of the revision's Deployment, creating the Deployment when there is
  /// none. A merge patch of the object rather than the `scale` subresource, so that the controller
  /// needs no `deployments/scale` permission beside `deployments`.
  public func scale(_ cluster: AICluster, revision: String, template: InstanceTemplate, to count: Int) async throws {
    let name = Self.deploymentName(cluster, revision: revision)
    do {
      _ = try await client.patch(
        Self.deployments, name: name, namespace: cluster.metadata.namespace,
        .merge(["spec": ["replicas": .int(Int64(count))]]))
    } catch KubeError.notFound {
      guard count > 0 else { return }
      _ = try await client.create(
        Self.deployments, Self.deployment(for: cluster, revision: revision, template: template, replicas: count))
    }
  }

  /// Deletes the revision's Deployment; garbage collection takes its ReplicaSet and any Pods left.
  public func retire(_ cluster: AICluster, revision: String) async throws {
    do {
      try await client.delete(
        Self.deployments, name: Self.deploymentName(cluster, revision: revision),
        namespace: cluster.metadata.namespace, propagation: .background)
    } catch KubeError.notFound {}
  }

  /// Wakes an AICluster when one of its Deployments changes. Pods are not watched: they belong to
  /// ReplicaSets, and while instances are not all ready the reconciler looks again on its own.
  public func watchInstances(enqueue: @escaping @Sendable (NamespacedName) async -> Void) async {
    await OwnedObjects(
      client: client, resource: Self.deployments, ownerKind: "AICluster", labelSelector: InstanceLabels.cluster
    )
    .run(enqueue: enqueue)
  }

  /// The objects of `resource` labelled as `cluster`'s that are not on their way out.
  private func objects(_ resource: APIResource, of cluster: AICluster) async throws -> [JSONValue] {
    let selector = "\(InstanceLabels.cluster)=\(cluster.metadata.name ?? "")"
    return try await client.list(
      resource, namespace: cluster.metadata.namespace, options: ListOptions(labelSelector: selector)
    ).items.filter { $0[path: ["metadata", "deletionTimestamp"]] == nil }
  }
}
