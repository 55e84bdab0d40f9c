import KubeCore

extension BuiltinResources {
  /// `apps/v1` Deployments: stored and served with their `status` and `scale` subresources and the
  /// columns of kube-apiserver's deployment printer (Up-to-date and Available are integer cells
  /// under `string` columns). No deployment controller runs here; whoever creates
  /// one (the AI controller's Kubernetes runtime, a test) also writes its status.
  static let deployments = ResourceInfo(
    group: "apps", version: "v1", plural: "deployments", singular: "deployment", kind: "Deployment",
    namespaced: true, shortNames: ["deploy"], categories: ["all"], hasStatus: true, resetsStatusOnCreate: true,
    scale: .init(
      specReplicasPath: ".spec.replicas", statusReplicasPath: ".status.replicas",
      selector: .object(path: ".spec.selector")),
    columns: [
      PrinterColumn(
        name: "Ready", type: "string", description: "Number of the pod with ready state",
        source: .computed(deploymentReady)),
      PrinterColumn(
        name: "Up-to-date", type: "string",
        description:
          "Total number of non-terminating pods targeted by this deployment that have the desired template spec.",
        source: .computed { count($0, "updatedReplicas") }),
      PrinterColumn(
        name: "Available", type: "string",
        description:
          "Total number of available non-terminating pods (ready for at least minReadySeconds) targeted by this deployment.",
        source: .computed { count($0, "availableReplicas") }),
      ageColumn,
      PrinterColumn(
        name: "Containers", type: "string", description: "Names of each container in the template.", priority: 1,
        source: .computed { templateContainers($0, "name") }),
      PrinterColumn(
        name: "Images", type: "string", description: "Images referenced by each container in the template.",
        priority: 1, source: .computed { templateContainers($0, "image") }),
      PrinterColumn(
        name: "Selector", type: "string",
        description:
          "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment. It must match the pod template's labels.",
        priority: 1,
        source: .computed(deploymentSelector)),
    ])

  /// `ready/desired`: `status.readyReplicas` (0 when absent) over `spec.replicas`.
  static func deploymentReady(_ deployment: JSONValue) -> JSONValue {
    let desired = deployment["spec"]?["replicas"]?.intValue ?? 1
    return .string("\(count(deployment, "readyReplicas").intValue ?? 0)/\(desired)")
  }

  private static func count(_ deployment: JSONValue, _ field: String) -> JSONValue {
    .int(deployment["status"]?[field]?.intValue ?? 0)
  }

  private static func templateContainers(_ deployment: JSONValue, _ field: String) -> JSONValue {
    let containers = deployment[path: ["spec", "template", "spec", "containers"]]?.arrayValue ?? []
    return .string(containers.compactMap { $0[field]?.stringValue }.joined(separator: ","))
  }

  private static func deploymentSelector(_ deployment: JSONValue) -> JSONValue {
    let selector = deployment["spec"]?["selector"].flatMap { try? LabelSelector(object: $0) }
    return .string(selector?.text ?? "")
  }
}
