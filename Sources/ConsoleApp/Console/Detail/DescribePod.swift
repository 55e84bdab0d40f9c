import Foundation
import KubeCore

/// `kubectl describe pod` as its describer (`describePod` in kubectl's describe.go) lays it out:
/// identity, node and start time, status and IPs, the controller, each init and app container
/// (image, ports, state and last state with reason, exit code and times, ready, restart count,
/// limits and requests), conditions, volumes by name, QoS class, node selectors, tolerations and
/// the pod's Events.
enum DescribePod {
  /// The column top-level values start at (`Service Account:  `).
  static let column = 18
  /// The column a container's values start at (`    Container ID:   `).
  static let containerColumn = 20

  /// The describe lines of the Pod in `context`.
  static func lines(_ context: DetailContext) -> [String] {
    let pod = context.object
    var writer = DescribeWriter()
    let field = { (writer: inout DescribeWriter, label: String, value: String?) in
      writer.field(label, value.map { [$0] } ?? [], column: column)
    }
    field(&writer, "Name", DetailFields.name(pod))
    field(&writer, "Namespace", DetailFields.namespace(pod))
    field(&writer, "Priority", DetailFields.text(pod, "spec", "priority") ?? "0")
    if let priorityClass = DetailFields.text(pod, "spec", "priorityClassName") {
      field(&writer, "Priority Class Name", priorityClass)
    }
    field(&writer, "Service Account", DetailFields.text(pod, "spec", "serviceAccountName"))
    let node = DetailFields.text(pod, "spec", "nodeName")
    field(
      &writer, "Node", node.map { name in DetailFields.text(pod, "status", "hostIP").map { "\(name)/\($0)" } ?? name })
    if let start = DetailTime.date(DetailFields.text(pod, "status", "startTime")) {
      field(&writer, "Start Time", rfc1123(start))
    }
    writer.field("Labels", DetailFields.labels(pod), column: column)
    writer.field("Annotations", DetailFields.annotations(pod), column: column)
    status(pod, into: &writer)
    containers("Init Containers", pod, specKey: "initContainers", statusKey: "initContainerStatuses", into: &writer)
    containers("Containers", pod, specKey: "containers", statusKey: "containerStatuses", into: &writer)
    let conditionColumn = conditions(pod, into: &writer)
    // The tab writer aligns the lines after the conditions with their rows.
    scheduling(pod, column: max("Node-Selectors:".count + 2, conditionColumn), into: &writer)
    let events = CoreResources.events.kind
    let relations = DetailRelations(related: [events: context.related(kind: events)], registry: context.registry)
    DescribeView.events(relations.events(of: pod), now: context.now, into: &writer)
    return writer.lines
  }

  private static func status(_ pod: JSONValue, into writer: inout DescribeWriter) {
    let phase = DetailFields.text(pod, "status", "phase") ?? ""
    if let deleted = DetailTime.date(DetailFields.text(pod, "metadata", "deletionTimestamp")) {
      writer.field("Status", ["Terminating (lasts until \(rfc1123(deleted)))"], column: column)
    } else {
      writer.field("Status", [phase], column: column)
    }
    for (label, key) in [("Reason", "reason"), ("Message", "message")] {
      if let value = DetailFields.text(pod, "status", key) { writer.field(label, [value], column: column) }
    }
    writer.field("IP", [DetailFields.text(pod, "status", "podIP") ?? ""], column: column)
    let ips = DetailPod.podIPs(pod)
    if ips.isEmpty {
      writer.field("IPs", [], column: column)
    } else {
      writer.heading("IPs")
      for ip in ips { writer.field("IP", [ip], indent: 2, column: 7) }
    }
    if let controller = DetailPod.controller(of: pod) { writer.field("Controlled By", [controller], column: column) }
  }

  private static func containers(
    _ title: String, _ pod: JSONValue, specKey: String, statusKey: String, into writer: inout DescribeWriter
  ) {
    let specs = pod[path: ["spec", specKey]]?.arrayValue ?? []
    guard !specs.isEmpty else { return }
    let statuses = pod[path: ["status", statusKey]]?.arrayValue ?? []
    writer.heading(title)
    for spec in specs {
      let name = DetailFields.text(spec["name"]) ?? ""
      let status = statuses.first { $0["name"]?.stringValue == name }
      writer.heading(name, indent: 2)
      container(spec, status: status, into: &writer)
    }
  }

  private static func container(_ spec: JSONValue, status: JSONValue?, into writer: inout DescribeWriter) {
    let field = { (writer: inout DescribeWriter, label: String, value: String, indent: Int) in
      writer.field(label, [value], indent: indent, column: containerColumn)
    }
    field(&writer, "Container ID", status.flatMap { DetailFields.text($0["containerID"]) } ?? "", 4)
    field(&writer, "Image", DetailFields.text(spec["image"]) ?? "", 4)
    field(&writer, "Image ID", status.flatMap { DetailFields.text($0["imageID"]) } ?? "", 4)
    let ports = (spec["ports"]?.arrayValue ?? []).map { port in
      "\(DetailFields.text(port["containerPort"]) ?? "")/\(DetailFields.text(port["protocol"]) ?? "TCP")"
    }
    field(&writer, "Port", ports.isEmpty ? "<none>" : ports.joined(separator: ", "), 4)
    let hostPorts = (spec["ports"]?.arrayValue ?? []).compactMap { port in
      DetailFields.text(port["hostPort"]).map { "\($0)/\(DetailFields.text(port["protocol"]) ?? "TCP")" }
    }
    field(&writer, "Host Port", hostPorts.isEmpty ? "<none>" : hostPorts.joined(separator: ", "), 4)
    state("State", status?["state"], into: &writer)
    if let last = status?["lastState"], !DescribeWriter.isEmpty(last) { state("Last State", last, into: &writer) }
    field(&writer, "Ready", status?["ready"]?.boolValue == true ? "True" : "False", 4)
    field(&writer, "Restart Count", String(status?["restartCount"]?.intValue ?? 0), 4)
    for (label, key) in [("Limits", "limits"), ("Requests", "requests")] {
      guard let amounts = spec[path: ["resources", key]]?.objectValue, !amounts.isEmpty else { continue }
      writer.heading(label, indent: 4)
      writer.members(amounts.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, indent: 6, verbatim: true)
    }
    let environment = (spec["env"]?.arrayValue ?? []).compactMap { variable -> String? in
      guard let name = DetailFields.text(variable["name"]) else { return nil }
      return "\(name):  \(DetailFields.text(variable["value"]) ?? "(from a reference)")"
    }
    writer.field("Environment", environment, indent: 4, column: containerColumn)
    let mounts = (spec["volumeMounts"]?.arrayValue ?? []).map { mount in
      let mode = mount["readOnly"]?.boolValue == true ? "ro" : "rw"
      return "\(DetailFields.text(mount["mountPath"]) ?? "") from \(DetailFields.text(mount["name"]) ?? "") (\(mode))"
    }
    writer.field("Mounts", mounts, indent: 4, column: containerColumn)
  }

  /// A container state as kubectl's `describeContainerState` writes it: the state's name, then
  /// its details indented under it.
  private static func state(_ label: String, _ state: JSONValue?, into writer: inout DescribeWriter) {
    let field = { (writer: inout DescribeWriter, label: String, value: String?, indent: Int) in
      guard let value else { return }
      writer.field(label, [value], indent: indent, column: containerColumn)
    }
    let time = { (value: JSONValue?) in DetailTime.date(DetailFields.text(value)).map(rfc1123) }
    if let running = state?["running"] {
      field(&writer, label, "Running", 4)
      field(&writer, "Started", time(running["startedAt"]), 6)
    } else if let waiting = state?["waiting"] {
      field(&writer, label, "Waiting", 4)
      field(&writer, "Reason", DetailFields.text(waiting["reason"]), 6)
      field(&writer, "Message", DetailFields.text(waiting["message"]), 6)
    } else if let terminated = state?["terminated"] {
      field(&writer, label, "Terminated", 4)
      field(&writer, "Reason", DetailFields.text(terminated["reason"]), 6)
      field(&writer, "Message", DetailFields.text(terminated["message"]), 6)
      field(&writer, "Exit Code", String(terminated["exitCode"]?.intValue ?? 0), 6)
      if let signal = terminated["signal"]?.intValue, signal != 0 { field(&writer, "Signal", String(signal), 6) }
      field(&writer, "Started", time(terminated["startedAt"]), 6)
      field(&writer, "Finished", time(terminated["finishedAt"]), 6)
    } else {
      field(&writer, label, "Waiting", 4)
    }
  }

  /// Writes the conditions; returns the column their statuses start at (0 without any).
  private static func conditions(_ pod: JSONValue, into writer: inout DescribeWriter) -> Int {
    let conditions = pod[path: ["status", "conditions"]]?.arrayValue ?? []
    guard !conditions.isEmpty else { return 0 }
    // kubectl writes `Type \tStatus` rows with no rule under the header, each type padded by
    // its tab writer to the widest plus two.
    let rows = conditions.map { (DetailFields.text($0["type"]) ?? "", DetailFields.text($0["status"]) ?? "") }
    let width = max(4, (rows.map { $0.0.count + 1 }.max() ?? 0)) + 2
    writer.heading("Conditions")
    for (type, status) in [("Type", "Status")] + rows {
      writer.line("  " + type + String(repeating: " ", count: max(1, width - type.count)) + status)
    }
    return 2 + width
  }

  private static func scheduling(_ pod: JSONValue, column: Int, into writer: inout DescribeWriter) {
    let volumes = (pod[path: ["spec", "volumes"]]?.arrayValue ?? []).compactMap { DetailFields.text($0["name"]) }
    writer.field("Volumes", volumes, column: column)
    writer.field("QoS Class", [DetailFields.text(pod, "status", "qosClass") ?? ""], column: column)
    writer.field("Node-Selectors", DetailFields.pairs(pod[path: ["spec", "nodeSelector"]]), column: column)
    let tolerations = (pod[path: ["spec", "tolerations"]]?.arrayValue ?? []).map(toleration)
    writer.field("Tolerations", tolerations, column: column)
  }

  /// A toleration as kubectl writes it: `key=value:effect`, `key:effect op=Exists`, `for 300s`.
  static func toleration(_ toleration: JSONValue) -> String {
    var text = DetailFields.text(toleration["key"]) ?? ""
    if let value = DetailFields.text(toleration["value"]), !value.isEmpty { text += "=\(value)" }
    if let effect = DetailFields.text(toleration["effect"]), !effect.isEmpty { text += ":\(effect)" }
    if DetailFields.text(toleration["operator"]) == "Exists" && DetailFields.text(toleration["value"]) == nil {
      text += " op=Exists"
    }
    if let seconds = DetailFields.text(toleration["tolerationSeconds"]) { text += " for \(seconds)s" }
    return text
  }

  /// A time as kubectl describe prints it (Go's `time.RFC1123Z`), in UTC:
  /// `Fri, 15 Jan 2027 07:50:10 +0000`.
  static func rfc1123(_ date: Date) -> String {
    date.formatted(
      Date.VerbatimFormatStyle(
        format:
          "\(weekday: .abbreviated), \(day: .twoDigits) \(month: .abbreviated) \(year: .defaultDigits) \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits):\(second: .twoDigits) +0000",
        locale: Locale(identifier: "en_US_POSIX"), timeZone: .gmt, calendar: Calendar(identifier: .gregorian)))
  }
}
