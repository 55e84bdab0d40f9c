import KubeCore

/// The rules kube-apiserver applies to a Service besides its IP allocation: the v1 defaults
/// (type ClusterIP, session affinity None, TCP ports whose targetPort is the port, single-stack
/// IPv4, internal traffic policy Cluster) and that `spec.clusterIP`/`spec.clusterIPs` may not
/// change once set (an update that omits them keeps them, as the real server patches them in).
enum ServiceAdmission {
  /// Applies the defaults; on update keeps the allocated addresses the update omitted.
  static func applyDefaults(to service: inout JSONValue, old: JSONValue?) {
    guard var spec = service["spec"], spec.objectValue != nil else { return }
    if spec["type"] == nil { spec["type"] = "ClusterIP" }
    let external = spec["type"]?.stringValue == "ExternalName"
    if spec["sessionAffinity"] == nil { spec["sessionAffinity"] = "None" }
    if let ports = spec["ports"]?.arrayValue {
      spec["ports"] = .array(ports.map(port))
    }
    if !external {
      if spec["internalTrafficPolicy"] == nil { spec["internalTrafficPolicy"] = "Cluster" }
      if spec["ipFamilies"] == nil { spec["ipFamilies"] = ["IPv4"] }
      if spec["ipFamilyPolicy"] == nil { spec["ipFamilyPolicy"] = "SingleStack" }
    }
    if let oldSpec = old?["spec"] { keepAllocated(&spec, old: oldSpec) }
    service["spec"] = spec
  }

  /// The errors of an update: a changed cluster IP.
  static func validate(_ service: JSONValue, old: JSONValue?) -> [FieldError] {
    guard let oldIPs = old?["spec"]?["clusterIPs"]?.arrayValue, !oldIPs.isEmpty else { return [] }
    let newIPs = service["spec"]?["clusterIPs"]?.arrayValue ?? []
    guard newIPs != oldIPs else { return [] }
    return [
      FieldError(
        field: "spec.clusterIPs[0]", reason: .invalid,
        message: "Invalid value: \(JSONValue.array(newIPs).jsonString): may not change once set")
    ]
  }

  private static func port(_ input: JSONValue) -> JSONValue {
    var port = input
    if port["protocol"] == nil { port["protocol"] = "TCP" }
    if port["targetPort"] == nil, let number = port["port"] { port["targetPort"] = number }
    return port
  }

  /// Fills omitted addresses from the stored Service; a changed `clusterIP` with unchanged
  /// `clusterIPs` moves into `clusterIPs[0]`, where validation sees it.
  private static func keepAllocated(_ spec: inout JSONValue, old: JSONValue) {
    let ip = spec["clusterIP"]?.stringValue ?? ""
    let ips = spec["clusterIPs"]?.arrayValue ?? []
    if ip.isEmpty, ips.isEmpty {
      spec["clusterIP"] = old["clusterIP"]
      spec["clusterIPs"] = old["clusterIPs"]
    } else if ips.isEmpty || ips == old["clusterIPs"]?.arrayValue, !ip.isEmpty {
      var moved = ips.isEmpty ? [JSONValue.string(ip)] : ips
      moved[0] = .string(ip)
      spec["clusterIPs"] = .array(moved)
    } else if ip.isEmpty {
      spec["clusterIP"] = ips.first
    }
  }
}
