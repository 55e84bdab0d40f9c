import Foundation
import KubeCore
import Views

/// What the detail pane shows of a core/v1 Pod: its status as `kubectl get pods` computes it
/// (`PodStatusPrinter`, the same code as the server's Table), where it runs, its QoS class, the
/// GPUs it asks for, who controls it, and each container's state, last termination and image.
struct DetailPod: Hashable, Sendable {
  /// The summary lines: status, ready, restarts, node, IP, QoS, GPUs, controller.
  var fields: [KeyValueList.Item]
  /// Init containers first, then the app containers, in the spec's order.
  var containers: [DetailContainer]

  /// Whether `object` is a core/v1 Pod.
  static func isPod(_ object: JSONValue) -> Bool {
    DetailFields.kind(object) == CoreResources.pods.kind && DetailFields.group(object).isEmpty
  }

  /// The detail of `pod` at `now`.
  init(_ pod: JSONValue, now: Date) {
    fields = Self.fields(pod, now: now)
    let statuses = { (key: String) in
      Dictionary(
        (pod[path: ["status", key]]?.arrayValue ?? []).map { (DetailFields.text($0["name"]) ?? "", $0) },
        uniquingKeysWith: { first, _ in first })
    }
    let (initStatuses, appStatuses) = (statuses("initContainerStatuses"), statuses("containerStatuses"))
    let initContainers = (pod[path: ["spec", "initContainers"]]?.arrayValue ?? []).map { spec in
      DetailContainer(spec: spec, status: initStatuses[DetailFields.text(spec["name"]) ?? ""], isInit: true, now: now)
    }
    let appContainers = (pod[path: ["spec", "containers"]]?.arrayValue ?? []).map { spec in
      DetailContainer(spec: spec, status: appStatuses[DetailFields.text(spec["name"]) ?? ""], isInit: false, now: now)
    }
    containers = initContainers + appContainers
  }

  private static func fields(_ pod: JSONValue, now: Date) -> [KeyValueList.Item] {
    let printed = PodStatusPrinter(pod: pod, now: now)
    var list = DetailFieldList()
    list.add("Status", printed.status, role: role(status: printed.status, ready: printed.ready))
    list.add("Ready", printed.ready)
    list.add("Restarts", printed.restarts, role: printed.restarts.hasPrefix("0") ? nil : .statusWarn)
    list.add("Reason", DetailFields.text(pod, "status", "reason"))
    list.add("Message", DetailFields.text(pod, "status", "message"))
    let node = DetailFields.text(pod, "spec", "nodeName")
    let hostIP = DetailFields.text(pod, "status", "hostIP")
    list.add("Node", node.map { name in hostIP.map { "\(name) / \($0)" } ?? name } ?? "<none> (not scheduled)")
    list.add("Started", DetailFields.text(pod, "status", "startTime").map { DetailTime.age($0, now: now) + " ago" })
    list.add("IP", podIPs(pod).joined(separator: ", "))
    list.add("QoS", DetailFields.text(pod, "status", "qosClass"))
    let gpus = gpuCounts(pod)
    if gpus.requests != nil || gpus.limits != nil {
      list.add("GPU", "requests \(DetailQuantity.text(gpus.requests)) · limits \(DetailQuantity.text(gpus.limits))")
    }
    list.add("Controlled by", controller(of: pod))
    list.add("Service account", DetailFields.text(pod, "spec", "serviceAccountName"))
    return list.items
  }

  /// The role the Status cell is drawn in: a failing reason or phase in red, a running pod with
  /// every container ready and a completed one in green, anything else on its way.
  static func role(status: String, ready: String) -> ThemeRole {
    if DetailInstance.failingReasons.contains(status) || status == "Failed" || status.hasPrefix("Init:Error")
      || status.hasPrefix("Init:CrashLoopBackOff")
    {
      return .statusError
    }
    let parts = ready.split(separator: "/")
    let allReady = parts.count == 2 && parts[0] == parts[1] && parts[0] != "0"
    if (status == "Running" && allReady) || status == "Completed" || status == "Succeeded" { return .statusOK }
    return .statusWarn
  }

  /// `status.podIPs`, else `status.podIP`.
  static func podIPs(_ pod: JSONValue) -> [String] {
    let listed = (pod[path: ["status", "podIPs"]]?.arrayValue ?? []).compactMap { DetailFields.text($0["ip"]) }
    return listed.isEmpty ? [DetailFields.text(pod, "status", "podIP")].compactMap { $0 } : listed
  }

  /// `Kind/name` of the owner reference marked `controller`, as kubectl's `Controlled By`.
  static func controller(of object: JSONValue) -> String? {
    let owners = object[path: ["metadata", "ownerReferences"]]?.arrayValue ?? []
    guard let owner = owners.first(where: { $0["controller"]?.boolValue == true }) else { return nil }
    return "\(DetailFields.text(owner["kind"]) ?? "")/\(DetailFields.text(owner["name"]) ?? "")"
  }

  /// The `nvidia.com/gpu` requests and limits of the pod's containers, summed; nil when no
  /// container names the resource. A container that sets only the limit requests as much, as the
  /// API server's defaulting of extended resources makes it.
  static func gpuCounts(_ pod: JSONValue) -> (requests: Double?, limits: Double?) {
    var requests: Double?
    var limits: Double?
    for container in pod[path: ["spec", "containers"]]?.arrayValue ?? [] {
      let limit = DetailQuantity.value(container[path: ["resources", "limits", DetailInstance.gpuResource]])
      let request = DetailQuantity.value(container[path: ["resources", "requests", DetailInstance.gpuResource]])
      if let limit { limits = (limits ?? 0) + limit }
      if let asked = request ?? limit { requests = (requests ?? 0) + asked }
    }
    return (requests, limits)
  }
}
