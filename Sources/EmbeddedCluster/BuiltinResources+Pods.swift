import Foundation
import KubeCore

extension BuiltinResources {
  /// Core `v1` Pods, with the columns kube-apiserver's pod printer gives them (IP, Node, Nominated
  /// Node and Readiness Gates at priority 1) and a `Completed` row condition for finished pods.
  static let pods = ResourceInfo(
    group: "", version: "v1", plural: "pods", singular: "pod", kind: "Pod", namespaced: true, shortNames: ["po"],
    categories: ["all"], hasStatus: true, hasLog: true, hasBinding: true,
    fieldLabels: ["spec.nodeName", "spec.schedulerName", "status.phase", "status.podIP", "spec.serviceAccountName"],
    columns: [
      PrinterColumn(
        name: "Ready", type: "string", description: "The aggregate readiness state of this pod for accepting traffic.",
        source: .printed { .string(PodStatusPrinter(pod: $0, now: $1).ready) }),
      PrinterColumn(
        name: "Status", type: "string", description: "The aggregate status of the containers in this pod.",
        source: .printed { .string(PodStatusPrinter(pod: $0, now: $1).status) }),
      PrinterColumn(
        name: "Restarts", type: "string",
        description:
          "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.",
        source: .printed { .string(PodStatusPrinter(pod: $0, now: $1).restarts) }),
      ageColumn,
      PrinterColumn(
        name: "IP", type: "string",
        description:
          "podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.",
        priority: 1, source: .computed(podIP)),
      PrinterColumn(
        name: "Node", type: "string",
        description:
          "NodeName indicates in which node this pod is scheduled. If empty, this pod is a candidate for scheduling by the scheduler defined in schedulerName. Once this field is set, the kubelet for this node becomes responsible for the lifecycle of this pod. This field should not be used to express a desire for the pod to be scheduled on a specific node. https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#nodename",
        priority: 1, source: .computed { orNone($0["spec"]?["nodeName"]) }),
      PrinterColumn(
        name: "Nominated Node", type: "string",
        description:
          "nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods. This field does not guarantee that the pod will be scheduled on this node. Scheduler may decide to place the pod elsewhere if other nodes become available sooner. Scheduler may also decide to give the resources on this node to a higher priority pod that is created after preemption. As a result, this field may be different than PodSpec.nodeName when the pod is scheduled.",
        priority: 1, source: .computed { orNone($0["status"]?["nominatedNodeName"]) }),
      PrinterColumn(
        name: "Readiness Gates", type: "string",
        description:
          "If specified, all readiness gates will be evaluated for pod readiness. A pod is ready when all its containers are ready AND all conditions specified in the readiness gates have status equal to \"True\" More info: https://git.k8s.io/enhancements/keps/sig-network/580-pod-readiness-gates",
        priority: 1, source: .computed(readinessGates)),
    ],
    rowConditions: podRowConditions)

  /// The first of `status.podIPs`, or `<none>`.
  private static func podIP(_ pod: JSONValue) -> JSONValue {
    orNone(pod["status"]?["podIPs"]?.arrayValue?.first?["ip"])
  }

  /// A string cell, `<none>` when the value is absent or empty.
  static func orNone(_ value: JSONValue?) -> JSONValue {
    let text = value?.stringValue ?? ""
    return .string(text.isEmpty ? "<none>" : text)
  }

  /// `true/all` over `spec.readinessGates` (a gate counts when its condition is `True`), or `<none>`.
  private static func readinessGates(_ pod: JSONValue) -> JSONValue {
    let gates = pod["spec"]?["readinessGates"]?.arrayValue ?? []
    guard !gates.isEmpty else { return "<none>" }
    let conditions = pod["status"]?["conditions"]?.arrayValue ?? []
    let met = gates.filter { gate in
      conditions.first { $0["type"] == gate["conditionType"] }?["status"]?.stringValue == "True"
    }
    return .string("\(met.count)/\(gates.count)")
  }

  /// `Completed` for a pod that Succeeded or Failed, as the pod printer marks its row.
  private static func podRowConditions(_ pod: JSONValue) -> JSONValue? {
    let message: String
    switch pod["status"]?["phase"]?.stringValue {
    case "Succeeded": message = "The pod has completed successfully."
    case "Failed": message = "The pod failed."
    default: return nil
    }
    let phase = pod["status"]?["phase"] ?? .null
    return [["type": "Completed", "status": "True", "reason": phase, "message": .string(message)]]
  }
}
