import KubeCore

/// The built-in resources the embedded server serves, with columns like kubectl shows for them.
enum BuiltinResources {
  static let all: [ResourceInfo] = [
    namespaces, nodes, pods, services, serviceAccounts, secrets, configMaps, events, deployments,
    controllerRevisions, leases, customResourceDefinitions,
  ]

  static let namespaces = ResourceInfo(
    group: "", version: "v1", plural: "namespaces", singular: "namespace", kind: "Namespace", namespaced: false,
    shortNames: ["ns"], hasStatus: true, tracksGeneration: false,
    columns: [
      PrinterColumn(
        name: "Status", type: "string", description: "The status of the namespace", source: .jsonPath(".status.phase")),
      ageColumn,
    ])

  static let pods = ResourceInfo(
    group: "", version: "v1", plural: "pods", singular: "pod", kind: "Pod", namespaced: true, shortNames: ["po"],
    categories: ["all"], hasStatus: true, hasLog: true, hasBinding: true,
    fieldLabels: ["spec.nodeName", "spec.schedulerName", "status.phase", "status.podIP", "spec.serviceAccountName"],
    columns: [
      PrinterColumn(name: "Ready", type: "string", source: .computed(podReady)),
      PrinterColumn(name: "Status", type: "string", source: .computed(podStatus)),
      PrinterColumn(name: "Restarts", type: "string", source: .computed(podRestarts)),
      ageColumn,
      PrinterColumn(name: "IP", type: "string", priority: 1, source: .jsonPath(".status.podIP")),
      PrinterColumn(name: "Node", type: "string", priority: 1, source: .jsonPath(".spec.nodeName")),
    ])

  static let services = ResourceInfo(
    group: "", version: "v1", plural: "services", singular: "service", kind: "Service", namespaced: true,
    shortNames: ["svc"], categories: ["all"], hasStatus: true, tracksGeneration: false,
    columns: [
      PrinterColumn(name: "Type", type: "string", source: .jsonPath(".spec.type")),
      PrinterColumn(name: "Cluster-IP", type: "string", source: .jsonPath(".spec.clusterIP")),
      PrinterColumn(name: "Port(s)", type: "string", source: .computed(servicePorts)),
      ageColumn,
    ])

  static let secrets = ResourceInfo(
    group: "", version: "v1", plural: "secrets", singular: "secret", kind: "Secret", namespaced: true,
    tracksGeneration: false,
    columns: [
      PrinterColumn(name: "Type", type: "string", source: .jsonPath(".type")),
      PrinterColumn(name: "Data", type: "string", source: .computed(dataCount)), ageColumn,
    ])

  static let configMaps = ResourceInfo(
    group: "", version: "v1", plural: "configmaps", singular: "configmap", kind: "ConfigMap", namespaced: true,
    shortNames: ["cm"], tracksGeneration: false,
    columns: [PrinterColumn(name: "Data", type: "string", source: .computed(dataCount)), ageColumn])

  static let events = ResourceInfo(
    group: "", version: "v1", plural: "events", singular: "event", kind: "Event", namespaced: true,
    shortNames: ["ev"], tracksGeneration: false,
    fieldLabels: [
      "involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
      "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason",
      "reportingComponent", "type",
    ],
    columns: [
      PrinterColumn(name: "Type", type: "string", source: .jsonPath(".type")),
      PrinterColumn(name: "Reason", type: "string", source: .jsonPath(".reason")),
      PrinterColumn(name: "Object", type: "string", source: .computed(eventObject)),
      PrinterColumn(name: "Message", type: "string", source: .jsonPath(".message")),
    ])

  static let controllerRevisions = ResourceInfo(
    group: "apps", version: "v1", plural: "controllerrevisions", singular: "controllerrevision",
    kind: "ControllerRevision", namespaced: true, tracksGeneration: false,
    columns: [
      PrinterColumn(name: "Controller", type: "string", source: .computed(controllerName)),
      PrinterColumn(name: "Revision", type: "integer", source: .jsonPath(".revision")), ageColumn,
    ])

  static let leases = ResourceInfo(
    group: "coordination.k8s.io", version: "v1", plural: "leases", singular: "lease", kind: "Lease", namespaced: true,
    tracksGeneration: false,
    columns: [PrinterColumn(name: "Holder", type: "string", source: .jsonPath(".spec.holderIdentity")), ageColumn])

  static let customResourceDefinitions = ResourceInfo(
    group: "apiextensions.k8s.io", version: "v1", plural: "customresourcedefinitions",
    singular: "customresourcedefinition", kind: "CustomResourceDefinition", namespaced: false,
    shortNames: ["crd", "crds"], hasStatus: true,
    columns: [PrinterColumn(name: "Created At", type: "date", source: .jsonPath(".metadata.creationTimestamp"))])

  static let ageColumn = PrinterColumn(
    name: "Age", type: "date",
    description: "CreationTimestamp is a timestamp representing the server time when this object was created.",
    source: .jsonPath(".metadata.creationTimestamp"))

  private static func podReady(_ pod: JSONValue) -> JSONValue {
    let statuses = pod["status"]?["containerStatuses"]?.arrayValue ?? []
    let total = max(statuses.count, pod["spec"]?["containers"]?.arrayValue?.count ?? 0)
    let ready = statuses.filter { $0["ready"]?.boolValue == true }.count
    return .string("\(ready)/\(total)")
  }

  private static func podStatus(_ pod: JSONValue) -> JSONValue {
    if pod["metadata"]?["deletionTimestamp"] != nil { return "Terminating" }
    for status in pod["status"]?["containerStatuses"]?.arrayValue ?? [] {
      if let reason = status["state"]?["waiting"]?["reason"]?.stringValue { return .string(reason) }
    }
    return .string(pod["status"]?["reason"]?.stringValue ?? pod["status"]?["phase"]?.stringValue ?? "Pending")
  }

  private static func podRestarts(_ pod: JSONValue) -> JSONValue {
    let statuses = pod["status"]?["containerStatuses"]?.arrayValue ?? []
    return .string(String(statuses.compactMap { $0["restartCount"]?.intValue }.reduce(0, +)))
  }

  private static func servicePorts(_ service: JSONValue) -> JSONValue {
    let ports = (service["spec"]?["ports"]?.arrayValue ?? []).map { port in
      "\(port["port"]?.intValue ?? 0)/\(port["protocol"]?.stringValue ?? "TCP")"
    }
    return .string(ports.isEmpty ? "<none>" : ports.joined(separator: ","))
  }

  private static func dataCount(_ object: JSONValue) -> JSONValue {
    .int(Int64((object["data"]?.objectValue?.count ?? 0) + (object["binaryData"]?.objectValue?.count ?? 0)))
  }

  private static func eventObject(_ event: JSONValue) -> JSONValue {
    let involved = event["involvedObject"] ?? event["regarding"] ?? .emptyObject
    let kind = involved["kind"]?.stringValue?.lowercased() ?? ""
    return .string("\(kind)/\(involved["name"]?.stringValue ?? "")")
  }

  private static func controllerName(_ revision: JSONValue) -> JSONValue {
    let owner = revision["metadata"]?["ownerReferences"]?.arrayValue?.first { $0["controller"]?.boolValue == true }
    guard let owner else { return .string("<none>") }
    return .string("\(owner["kind"]?.stringValue?.lowercased() ?? "")/\(owner["name"]?.stringValue ?? "")")
  }
}
