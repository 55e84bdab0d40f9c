import AIResources
import KubeCore

extension KubernetesRuntime {
  /// The Deployment that runs `count` instances of one revision of `cluster`.
  ///
  /// Its pod template never changes after creation, since a different template is a different
  /// revision and so a different Deployment; the AICluster reconciler, not the Deployment, rolls
  /// instances from one revision to the next. `RollingUpdate` therefore only matters when someone
  /// edits the template by hand.
  static func deployment(
    for cluster: AICluster, revision: String, template: InstanceTemplate, replicas count: Int
  ) -> JSONValue {
    let selector = selectorLabels(cluster, revision: revision)
    var labels = selector
    labels["app.kubernetes.io/name"] = .string(template.modelName)
    labels["app.kubernetes.io/managed-by"] = "aiconsole"
    return [
      "apiVersion": "apps/v1", "kind": "Deployment",
      "metadata": [
        "name": .string(deploymentName(cluster, revision: revision)),
        "namespace": .string(cluster.metadata.namespace ?? "default"),
        "labels": labels,
        "ownerReferences": [InstanceLabels.ownerReference(cluster)],
      ],
      "spec": [
        "replicas": .int(Int64(count)),
        "selector": ["matchLabels": selector],
        "strategy": ["type": "RollingUpdate"],
        "template": [
          "metadata": ["labels": labels],
          "spec": ["containers": [container(template)]],
        ],
      ],
    ]
  }

  /// `<cluster>-<revision>`: one Deployment per revision, found again by name.
  static func deploymentName(_ cluster: AICluster, revision: String) -> String {
    "\(cluster.metadata.name ?? "")-\(revision)"
  }

  /// The labels that select one revision's Pods; a Deployment's selector cannot change, so these
  /// two are all it holds.
  static func selectorLabels(_ cluster: AICluster, revision: String) -> JSONValue {
    [InstanceLabels.cluster: .string(cluster.metadata.name ?? ""), InstanceLabels.revision: .string(revision)]
  }

  /// The model server container, started the way vLLM's OpenAI server is.
  static func container(_ template: InstanceTemplate) -> JSONValue {
    [
      "name": .string(containerName),
      "image": .string(template.image ?? InstanceTemplate.defaultImage),
      "args": ["--model", .string(template.modelName), "--port", .string(String(template.port))],
      "ports": [["name": "http", "containerPort": .int(Int64(template.port)), "protocol": "TCP"]],
      "resources": resources(template),
      "readinessProbe": readinessProbe,
    ]
  }

  /// CPU and memory as requests; GPUs in requests and limits alike, since Kubernetes refuses
  /// extended resources whose request differs from their limit.
  static func resources(_ template: InstanceTemplate) -> JSONValue {
    var requests: JSONValue = .emptyObject
    if let cpu = template.resources?.cpu { requests["cpu"] = .string(cpu) }
    if let memory = template.resources?.memory { requests["memory"] = .string(memory) }
    var resources: JSONValue = ["requests": requests]
    if template.gpus > 0 {
      let gpus = JSONValue.string(String(template.gpus))
      resources.set(gpus, at: ["requests", gpuResource])
      resources.set(gpus, at: ["limits", gpuResource])
    }
    return resources
  }

  /// vLLM answers `GET /health` with 200 once the model is loaded. There is deliberately no
  /// liveness probe: loading a large model takes minutes, and a liveness probe tuned without
  /// knowing the model would kill it while it loads.
  static let readinessProbe: JSONValue = [
    "httpGet": ["path": "/health", "port": "http"],
    "periodSeconds": 5, "failureThreshold": 3,
  ]

  static let gpuResource = "nvidia.com/gpu"
}
