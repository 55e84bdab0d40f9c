import KubeCore

/// The cells kube-apiserver's service printer (`printService`) derives from a Service.
enum ServicePrinter {
  /// The first of `spec.clusterIPs`, or `<none>`. A stored Service always has `clusterIPs` when
  /// it has a `clusterIP` on a real server; here `clusterIP` stands in when only it was written.
  static func clusterIP(_ service: JSONValue) -> JSONValue {
    let first = service["spec"]?["clusterIPs"]?.arrayValue?.first?.stringValue
    return BuiltinResources.orNone(.string(first ?? service["spec"]?["clusterIP"]?.stringValue ?? ""))
  }

  /// `spec.externalIPs` for ClusterIP and NodePort services (`<none>` without any), the load
  /// balancer's addresses then `externalIPs` for LoadBalancer (`<pending>` without any),
  /// `externalName` for ExternalName.
  static func externalIP(_ service: JSONValue) -> JSONValue {
    let spec = service["spec"] ?? .emptyObject
    let external = (spec["externalIPs"]?.arrayValue ?? []).compactMap(\.stringValue)
    switch spec["type"]?.stringValue ?? "ClusterIP" {
    case "ClusterIP", "NodePort":
      return .string(external.isEmpty ? "<none>" : external.joined(separator: ","))
    case "LoadBalancer":
      let addresses = loadBalancerAddresses(service) + external
      return .string(addresses.isEmpty ? "<pending>" : addresses.joined(separator: ","))
    case "ExternalName":
      return .string(spec["externalName"]?.stringValue ?? "")
    default:
      return "<unknown>"
    }
  }

  /// The sorted, distinct IPs (else hostnames) of `status.loadBalancer.ingress`.
  private static func loadBalancerAddresses(_ service: JSONValue) -> [String] {
    let ingress = service["status"]?["loadBalancer"]?["ingress"]?.arrayValue ?? []
    let addresses = ingress.compactMap { entry -> String? in
      if let ip = entry["ip"]?.stringValue, !ip.isEmpty { return ip }
      if let host = entry["hostname"]?.stringValue, !host.isEmpty { return host }
      return nil
    }
    return Set(addresses).sorted()
  }

  /// `port/protocol` (`port:nodePort/protocol` with a node port) per port, or `<none>`.
  static func ports(_ service: JSONValue) -> JSONValue {
    let ports = (service["spec"]?["ports"]?.arrayValue ?? []).map { port in
      let number = port["port"]?.intValue ?? 0
      let nodePort = port["nodePort"]?.intValue ?? 0
      let proto = port["protocol"]?.stringValue ?? "TCP"
      return nodePort > 0 ? "\(number):\(nodePort)/\(proto)" : "\(number)/\(proto)"
    }
    return .string(ports.isEmpty ? "<none>" : ports.joined(separator: ","))
  }

  /// `spec.selector` as `key=value` pairs sorted by key, or `<none>`.
  static func selector(_ service: JSONValue) -> JSONValue {
    let labels = (service["spec"]?["selector"]?.objectValue ?? [:]).sorted { $0.key < $1.key }
    let pairs = labels.map { "\($0.key)=\($0.value.stringValue ?? "")" }
    return .string(pairs.isEmpty ? "<none>" : pairs.joined(separator: ","))
  }
}
