import Foundation
import KubeCore
import Views

/// What the detail pane shows of a core/v1 Node: whether it is ready and schedulable, its
/// addresses and GPU product, capacity against allocatable, its GPUs as the metrics pane draws
/// them, and the pods placed on it (`spec.nodeName`) with their status and GPU request.
struct DetailNode: Hashable, Sendable {
  /// One resource's capacity and allocatable amount.
  struct Resource: Hashable, Sendable {
    var name: String
    var capacity: String
    var allocatable: String
  }

  /// The label GPU feature discovery puts the GPU product in (`NVIDIA-H100-80GB-HBM3`).
  static let gpuProductLabel = "nvidia.com/gpu.product"
  /// Resources listed first, in this order; any others follow by name.
  static let resourceOrder = ["cpu", "memory", DetailInstance.gpuResource, "ephemeral-storage", "pods"]

  /// The summary lines: status, roles, addresses, GPU product, versions, taints.
  var fields: [KeyValueList.Item]
  /// Capacity and allocatable of each resource.
  var resources: [Resource]
  /// The node's GPUs from the DCGM exporter's series whose `Hostname` is the node's name.
  var gpus: [GPUMetricsRow]
  /// The cached pods placed on it, by namespace and name.
  var pods: [DetailNodePod]

  /// Whether `object` is a core/v1 Node.
  static func isNode(_ object: JSONValue) -> Bool {
    DetailFields.kind(object) == CoreResources.nodes.kind && DetailFields.group(object).isEmpty
  }

  /// The detail of `node`, its GPUs among `gpuGroups` and its pods among `pods`, at `now`.
  init(_ node: JSONValue, gpuGroups: [GPUNodeGroup], pods: [JSONValue], now: Date) {
    let name = DetailFields.name(node)
    fields = Self.fields(node)
    resources = Self.resources(node)
    gpus = gpuGroups.first { $0.node == name }?.gpus ?? []
    self.pods = pods.filter { DetailFields.text($0, "spec", "nodeName") == name }
      .map { DetailNodePod($0, now: now) }
      .sorted { ($0.namespace, $0.name) < ($1.namespace, $1.name) }
  }

  private static func fields(_ node: JSONValue) -> [KeyValueList.Item] {
    var list = DetailFieldList()
    let ready = (node[path: ["status", "conditions"]]?.arrayValue ?? []).first { $0["type"] == "Ready" }
    // As kubectl's node printer: a Ready condition not True is NotReady; none at all is Unknown.
    var status = ready.map { $0["status"] == "True" ? "Ready" : "NotReady" } ?? "Unknown"
    let unschedulable = node[path: ["spec", "unschedulable"]]?.boolValue == true
    if unschedulable { status += ",SchedulingDisabled" }
    list.add(
      "Status", status, role: status == "Ready" ? .statusOK : (status.hasPrefix("Ready") ? .statusWarn : .statusError))
    list.add("Roles", roles(node).joined(separator: ","))
    let addresses = (node[path: ["status", "addresses"]]?.arrayValue ?? []).compactMap { address -> String? in
      guard let type = DetailFields.text(address["type"]), let value = DetailFields.text(address["address"]) else {
        return nil
      }
      return "\(type) \(value)"
    }
    list.add("Addresses", addresses.joined(separator: ", "))
    list.add("GPU product", DetailFields.label(node, gpuProductLabel))
    let info = node[path: ["status", "nodeInfo"]]
    list.add("Kubelet", info.flatMap { DetailFields.text($0["kubeletVersion"]) })
    list.add("Runtime", info.flatMap { DetailFields.text($0["containerRuntimeVersion"]) })
    list.add("OS image", info.flatMap { DetailFields.text($0["osImage"]) })
    let taints = (node[path: ["spec", "taints"]]?.arrayValue ?? []).map { taint in
      let value = DetailFields.text(taint["value"]).map { "=\($0)" } ?? ""
      return "\(DetailFields.text(taint["key"]) ?? "")\(value):\(DetailFields.text(taint["effect"]) ?? "")"
    }
    list.add("Taints", taints.joined(separator: ", "), role: taints.isEmpty ? nil : .statusWarn)
    return list.items
  }

  /// The roles `kubectl get nodes` shows: the `node-role.kubernetes.io/<role>` labels, and
  /// `kubernetes.io/role`; `<none>` when there is none.
  static func roles(_ node: JSONValue) -> [String] {
    let prefix = "node-role.kubernetes.io/"
    var roles = Set<String>()
    for (key, value) in node[path: ["metadata", "labels"]]?.objectValue ?? [:] {
      if key.hasPrefix(prefix), key.count > prefix.count { roles.insert(String(key.dropFirst(prefix.count))) }
      if key == "kubernetes.io/role", let role = value.stringValue, !role.isEmpty { roles.insert(role) }
    }
    return roles.isEmpty ? ["<none>"] : roles.sorted()
  }

  private static func resources(_ node: JSONValue) -> [Resource] {
    let capacity = node[path: ["status", "capacity"]]?.objectValue ?? [:]
    let allocatable = node[path: ["status", "allocatable"]]?.objectValue ?? [:]
    let names = Set(capacity.keys).union(allocatable.keys)
    let ordered = resourceOrder.filter(names.contains) + names.subtracting(resourceOrder).sorted()
    return ordered.map { name in
      Resource(
        name: name, capacity: capacity[name].flatMap(DetailFields.text) ?? "-",
        allocatable: allocatable[name].flatMap(DetailFields.text) ?? "-")
    }
  }
}

/// A pod placed on a node, as the node's detail lists it.
struct DetailNodePod: Hashable, Sendable {
  var namespace: String
  var name: String
  /// The Status cell of `kubectl get pods`.
  var status: String
  /// Ready over all containers.
  var ready: String
  /// The Restarts cell.
  var restarts: String
  /// GPUs requested (`nvidia.com/gpu`), `0` when none.
  var gpus: String
  /// Time since it was created.
  var age: String
  /// The role its row is drawn in.
  var role: ThemeRole

  /// Reads `pod` at `now`.
  init(_ pod: JSONValue, now: Date) {
    let printed = PodStatusPrinter(pod: pod, now: now)
    namespace = DetailFields.namespace(pod)
    name = DetailFields.name(pod)
    status = printed.status
    ready = printed.ready
    restarts = printed.restarts
    gpus = DetailQuantity.text(DetailPod.gpuCounts(pod).requests)
    age = DetailTime.age(DetailFields.text(pod, "metadata", "creationTimestamp"), now: now)
    role = DetailPod.role(status: status, ready: ready)
  }
}
