import KubeCore

extension BuiltinResources {
  /// Core `v1` Nodes, with the columns `kubectl get nodes` shows (`-o wide` adds the priority-1 ones).
  static let nodes = ResourceInfo(
    group: "", version: "v1", plural: "nodes", singular: "node", kind: "Node", namespaced: false,
    shortNames: ["no"], hasStatus: true, tracksGeneration: false,
    columns: [
      PrinterColumn(
        name: "Status", type: "string", description: "The status of the node", source: .computed(nodeStatus)),
      PrinterColumn(name: "Roles", type: "string", description: "The roles of the node", source: .computed(nodeRoles)),
      ageColumn,
      PrinterColumn(
        name: "Version", type: "string", description: "Kubelet Version reported by the node.",
        source: .computed { nodeInfo($0, "kubeletVersion", absent: "") }),
      PrinterColumn(
        name: "Internal-IP", type: "string", description: addressesDescription, priority: 1,
        source: .computed { nodeAddress($0, type: "InternalIP") }),
      PrinterColumn(
        name: "External-IP", type: "string", description: addressesDescription, priority: 1,
        source: .computed { nodeAddress($0, type: "ExternalIP") }),
      PrinterColumn(
        name: "OS-Image", type: "string",
        description: "OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).",
        priority: 1, source: .computed { nodeInfo($0, "osImage", absent: "<unknown>") }),
      PrinterColumn(
        name: "Kernel-Version", type: "string",
        description: "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).", priority: 1,
        source: .computed { nodeInfo($0, "kernelVersion", absent: "<unknown>") }),
      PrinterColumn(
        name: "Container-Runtime", type: "string",
        description:
          "ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).",
        priority: 1, source: .computed { nodeInfo($0, "containerRuntimeVersion", absent: "<unknown>") }),
    ])

  /// NodeStatus's `addresses` documentation, which both address columns carry.
  private static let addressesDescription =
    "List of addresses reachable to the node. Queried from cloud provider, if available. More info: https://kubernetes.io/docs/reference/node/node-status/#addresses Note: This field is declared as mergeable, but the merge key is not sufficiently unique, which can cause data corruption when it is merged. Callers should instead use a full-replacement patch. See https://pr.k8s.io/79391 for an example. Consumers should assume that addresses can change during the lifetime of a Node. However, there are some exceptions where this may not be possible, such as Pods that inherit a Node's address in its own status or consumers of the downward API (status.hostIP)."

  /// The label prefix whose suffix names a role, and the older label whose value does.
  private static let rolePrefix = "node-role.kubernetes.io/"
  private static let roleLabel = "kubernetes.io/role"

  /// `Ready` or `NotReady` from the `Ready` condition, `Unknown` without one, then
  /// `,SchedulingDisabled` for a cordoned node, as kubectl's node printer writes it.
  static func nodeStatus(_ node: JSONValue) -> JSONValue {
    let conditions = node["status"]?["conditions"]?.arrayValue ?? []
    var parts: [String] = []
    if let ready = conditions.first(where: { $0["type"]?.stringValue == "Ready" }) {
      parts.append(ready["status"]?.stringValue == "True" ? "Ready" : "NotReady")
    } else {
      parts.append("Unknown")
    }
    if node["spec"]?["unschedulable"]?.boolValue == true { parts.append("SchedulingDisabled") }
    return .string(parts.joined(separator: ","))
  }

  /// The sorted roles named by `node-role.kubernetes.io/<role>` labels and `kubernetes.io/role`.
  static func nodeRoles(_ node: JSONValue) -> JSONValue {
    var roles = Set<String>()
    for (key, value) in node["metadata"]?["labels"]?.objectValue ?? [:] {
      if key.hasPrefix(rolePrefix), key.count > rolePrefix.count {
        roles.insert(String(key.dropFirst(rolePrefix.count)))
      } else if key == roleLabel, let role = value.stringValue, !role.isEmpty {
        roles.insert(role)
      }
    }
    return .string(roles.isEmpty ? "<none>" : roles.sorted().joined(separator: ","))
  }

  private static func nodeInfo(_ node: JSONValue, _ field: String, absent: String) -> JSONValue {
    let value = node["status"]?["nodeInfo"]?[field]?.stringValue ?? ""
    return .string(value.isEmpty ? absent : value)
  }

  private static func nodeAddress(_ node: JSONValue, type: String) -> JSONValue {
    let addresses = node["status"]?["addresses"]?.arrayValue ?? []
    let address = addresses.first { $0["type"]?.stringValue == type }?["address"]?.stringValue
    return .string(address ?? "<none>")
  }
}
