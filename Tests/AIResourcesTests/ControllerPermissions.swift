/// What the AI controller does through the API, as `group/resource` to verbs: the list the
/// ClusterRole in `deploy/` must grant, no more and no less.
enum ControllerPermissions {
  static let readWrite: Set<String> = ["get", "list", "watch", "update", "patch"]
  static let owner: Set<String> = ["get", "list", "watch", "create", "update", "patch", "delete"]
  static let readOnly: Set<String> = ["get", "list", "watch"]
  static let status: Set<String> = ["get", "update", "patch"]

  static let expected: [String: Set<String>] = {
    var rules: [String: Set<String>] = [:]
    let kinds = [
      "aiclusters", "modeldeployments", "inferenceservices", "aimodelroutes", "modelcontextschemas", "aiapplications",
    ]
    for kind in kinds {
      // InferenceServices own AIClusters, so the controller also creates and deletes those.
      rules["ai.aiconsole.dev/\(kind)"] = kind == "aiclusters" ? owner : readWrite
      rules["ai.aiconsole.dev/\(kind)/status"] = status
    }
    rules["ai.aiconsole.dev/aiclusters/finalizers"] = ["update"]
    rules["ai.aiconsole.dev/inferenceservices/finalizers"] = ["update"]
    rules["apps/deployments"] = owner
    rules["apps/controllerrevisions"] = owner
    rules["/services"] = owner
    rules["/pods"] = readOnly
    rules["/secrets"] = readOnly
    rules["/events"] = ["create", "patch"]
    rules["events.k8s.io/events"] = ["create", "patch"]
    rules["coordination.k8s.io/leases"] = ["get", "create", "update"]
    // The Lease's namespace, made sure of before the election (ControllerNamespace).
    rules["/namespaces"] = ["get", "create"]
    return rules
  }()

  /// What `--runtime simulated` adds: the instance Pods it creates and deletes, binds through
  /// pods/binding and whose status it writes, and the GPU Nodes it registers.
  static let simulatedFleet: [String: Set<String>] = [
    "/pods": ["create", "delete"], "/pods/binding": ["create"], "/pods/status": ["update"],
    "/nodes": ["get", "list", "watch", "create"], "/nodes/status": ["update"],
  ]
}
