import KubeCore

/// The fields kube-apiserver fills in on every Pod it stores (the v1 defaulting functions and the
/// default admission plugins: ServiceAccount's name, DefaultTolerationSeconds, Priority), so
/// clients read back what a real cluster would show, and updates compare defaulted specs.
enum PodDefaults {
  /// Applies the defaults to the spec, its containers and the status a Pod carries.
  static func apply(to pod: inout JSONValue) {
    guard var spec = pod["spec"], spec.objectValue != nil else { return }
    let defaults: [(String, JSONValue)] = [
      ("restartPolicy", "Always"), ("terminationGracePeriodSeconds", 30), ("dnsPolicy", "ClusterFirst"),
      ("securityContext", .emptyObject), ("schedulerName", "default-scheduler"), ("enableServiceLinks", true),
      ("priority", 0), ("preemptionPolicy", "PreemptLowerPriority"),
    ]
    for (field, value) in defaults where spec[field] == nil || spec[field] == .null { spec[field] = value }
    let account = spec["serviceAccountName"]?.stringValue ?? spec["serviceAccount"]?.stringValue ?? ""
    spec["serviceAccountName"] = .string(account.isEmpty ? "default" : account)
    spec["serviceAccount"] = spec["serviceAccountName"]
    for key in ["containers", "initContainers"] {
      guard let containers = spec[key]?.arrayValue else { continue }
      spec[key] = .array(containers.map(Self.container))
    }
    spec["tolerations"] = .array(Self.tolerations(spec["tolerations"]?.arrayValue ?? []))
    pod["spec"] = spec
    if let status = pod["status"], status.objectValue != nil { pod["status"] = Self.status(status) }
  }

  /// The status a Pod is created with: Pending, and its QoS class.
  static func initialStatus(of pod: JSONValue) -> JSONValue {
    ["phase": "Pending", "qosClass": .string(PodQOSClass.of(pod))]
  }

  /// A container with its pull policy (`Always` for `:latest` or no tag), termination message
  /// fields and empty resources; requests default to limits where only limits are given; ports
  /// default to TCP.
  static func container(_ input: JSONValue) -> JSONValue {
    var container = input
    if container["imagePullPolicy"] == nil {
      container["imagePullPolicy"] = .string(
        pullsAlways(container["image"]?.stringValue ?? "") ? "Always" : "IfNotPresent")
    }
    if container["terminationMessagePath"] == nil { container["terminationMessagePath"] = "/dev/termination-log" }
    if container["terminationMessagePolicy"] == nil { container["terminationMessagePolicy"] = "File" }
    var resources = container["resources"] ?? .emptyObject
    if let limits = resources["limits"]?.objectValue, !limits.isEmpty {
      var requests = resources["requests"] ?? .emptyObject
      for (name, limit) in limits where requests[name] == nil { requests[name] = limit }
      resources["requests"] = requests
    }
    container["resources"] = resources
    if let ports = container["ports"]?.arrayValue {
      container["ports"] = .array(
        ports.map { port in
          var port = port
          if port["protocol"] == nil { port["protocol"] = "TCP" }
          return port
        })
    }
    return container
  }

  /// Whether an image reference has no tag or the `latest` tag (a digest pins it).
  static func pullsAlways(_ image: String) -> Bool {
    if image.contains("@") { return false }
    let lastPart = image.split(separator: "/").last.map(String.init) ?? image
    guard let colon = lastPart.lastIndex(of: ":") else { return true }
    return lastPart[lastPart.index(after: colon)...] == "latest"
  }

  /// DefaultTolerationSeconds: tolerate a not-ready or unreachable node for 300 s unless the Pod
  /// already tolerates that taint.
  static func tolerations(_ existing: [JSONValue]) -> [JSONValue] {
    var result = existing
    for key in ["node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"] {
      let covered = existing.contains { toleration in
        let effect = toleration["effect"]?.stringValue ?? ""
        let matchesKey =
          toleration["key"]?.stringValue == key
          || (toleration["key"]?.stringValue ?? "").isEmpty && toleration["operator"]?.stringValue == "Exists"
        return matchesKey && (effect.isEmpty || effect == "NoExecute")
      }
      if !covered {
        result.append(["key": .string(key), "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300])
      }
    }
    return result
  }

  /// A status as the API serializes it: every condition has `lastProbeTime` (null when unset) and
  /// every container status a `lastState` and `state` (empty objects when unset).
  static func status(_ input: JSONValue) -> JSONValue {
    var status = input
    if let conditions = status["conditions"]?.arrayValue {
      status["conditions"] = .array(
        conditions.map { condition in
          var condition = condition
          for field in ["lastProbeTime", "lastTransitionTime"] where condition[field] == nil {
            condition[field] = .null
          }
          return condition
        })
    }
    for key in ["containerStatuses", "initContainerStatuses"] {
      guard let statuses = status[key]?.arrayValue else { continue }
      status[key] = .array(
        statuses.map { container in
          var container = container
          for field in ["state", "lastState"] where container[field] == nil { container[field] = .emptyObject }
          return container
        })
    }
    return status
  }
}
