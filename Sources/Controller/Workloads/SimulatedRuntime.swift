import AIResources
import ClusterClient
import Foundation
import KubeCore

/// The embedded world's runtime: each instance is a Pod that the simulated GPU fleet schedules
/// onto a simulated node and drives through starting, ready and failing. The Pod carries the
/// simulation profile of the ModelDeployment that matches its model and version, so the fleet
/// needs nothing but the Pod.
public struct SimulatedRuntime: WorkloadRuntime {
  public let name = "simulated"
  static let pods = CoreResources.pods
  static let modelDeployments = ModelDeployment.resource
  /// The container every instance Pod runs.
  static let containerName = "model"
  let client: KubeClient

  public init(client: KubeClient) { self.client = client }

  public func observe(_ cluster: AICluster) async throws -> [RevisionInstances] {
    let pods = try await instances(of: cluster)
    return Dictionary(grouping: pods) { $0[path: ["metadata", "labels", InstanceLabels.revision]]?.stringValue ?? "" }
      .map { revision, pods in
        RevisionInstances(
          revision: revision, total: pods.count, ready: pods.filter(PodState.isReady).count,
          problems: pods.compactMap(PodState.problem))
      }
      .sorted { $0.revision < $1.revision }
  }

  public func scale(_ cluster: AICluster, revision: String, template: InstanceTemplate, to count: Int) async throws {
    let existing = try await instances(of: cluster).filter {
      $0[path: ["metadata", "labels", InstanceLabels.revision]]?.stringValue == revision
    }
    if existing.count < count {
      let simulation = try await simulationProfile(for: template, namespace: cluster.metadata.namespace)
      for _ in existing.count..<count {
        let pod = Self.pod(for: cluster, revision: revision, template: template, simulation: simulation)
        _ = try await client.create(Self.pods, pod)
      }
    } else if existing.count > count {
      for pod in PodState.removalOrder(existing).prefix(existing.count - count) {
        try await delete(pod)
      }
    }
  }

  public func retire(_ cluster: AICluster, revision: String) async throws {
    // A Pod per instance: nothing outlives the instances.
  }

  public func watchInstances(enqueue: @escaping @Sendable (NamespacedName) async -> Void) async {
    await OwnedObjects(
      client: client, resource: Self.pods, ownerKind: "AICluster", labelSelector: InstanceLabels.cluster
    )
    .run(enqueue: enqueue)
  }

  private func instances(of cluster: AICluster) async throws -> [JSONValue] {
    let selector = "\(InstanceLabels.cluster)=\(cluster.metadata.name ?? "")"
    return try await client.list(
      Self.pods, namespace: cluster.metadata.namespace, options: ListOptions(labelSelector: selector)
    ).items.filter { $0[path: ["metadata", "deletionTimestamp"]] == nil }
  }

  private func delete(_ pod: JSONValue) async throws {
    guard let name = pod[path: ["metadata", "name"]]?.stringValue else { return }
    do {
      try await client.delete(Self.pods, name: name, namespace: pod[path: ["metadata", "namespace"]]?.stringValue)
    } catch KubeError.notFound {}
  }

  /// The `simulation` of the ModelDeployment serving this model version, if there is one.
  private func simulationProfile(for template: InstanceTemplate, namespace: String?) async throws -> JSONValue? {
    let deployments = try await client.list(Self.modelDeployments, namespace: namespace).items
    let match = deployments.first {
      $0[path: ["spec", "modelName"]]?.stringValue == template.modelName
        && $0[path: ["spec", "modelVersion"]]?.stringValue == template.modelVersion
    }
    return match?[path: ["spec", "simulation"]]
  }

  /// A new instance Pod of `revision`.
  static func pod(
    for cluster: AICluster, revision: String, template: InstanceTemplate, simulation: JSONValue?
  ) -> JSONValue {
    let clusterName = cluster.metadata.name ?? ""
    var requests: JSONValue = .emptyObject
    if let cpu = template.resources?.cpu { requests["cpu"] = .string(cpu) }
    if let memory = template.resources?.memory { requests["memory"] = .string(memory) }
    var limits: JSONValue = .emptyObject
    if template.gpus > 0 {
      requests["nvidia.com/gpu"] = .string(String(template.gpus))
      limits["nvidia.com/gpu"] = .string(String(template.gpus))
    }
    var annotations: JSONValue = .emptyObject
    if let simulation { annotations[InstanceLabels.simulationAnnotation] = .string(simulation.jsonString) }
    return [
      "apiVersion": "v1", "kind": "Pod",
      "metadata": [
        "name": .string("\(clusterName)-\(revision)-\(RandomSuffix.make())"),
        "namespace": .string(cluster.metadata.namespace ?? "default"),
        "labels": [
          InstanceLabels.cluster: .string(clusterName),
          InstanceLabels.revision: .string(revision),
          "app.kubernetes.io/name": .string(template.modelName),
        ],
        "annotations": annotations,
        "ownerReferences": [InstanceLabels.ownerReference(cluster)],
      ],
      "spec": [
        "schedulerName": .string(SimulatedFleet.schedulerName),
        "restartPolicy": "Always",
        "containers": [
          [
            "name": .string(containerName),
            "image": .string(template.image ?? InstanceTemplate.defaultImage),
            "args": ["--model", .string(template.modelName), "--port", .string(String(template.port))],
            "ports": [["name": "http", "containerPort": .int(Int64(template.port)), "protocol": "TCP"]],
            "resources": ["requests": requests, "limits": limits],
          ]
        ],
      ],
    ]
  }
}

/// Five characters in Kubernetes' hash alphabet, as `generateName` would add.
enum RandomSuffix {
  static func make() -> String {
    String((0..<5).map { _ in StableHash.alphabet.randomElement()! })
  }
}
