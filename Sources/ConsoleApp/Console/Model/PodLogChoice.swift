import ClusterClient
import KubeCore

/// Which of a Pod's logs the logs pane shows: every container or one, the current run or the one
/// before the last restart (`kubectl logs -p`). Made by `l` (the container picker) and `p`; it
/// holds for that Pod only, so selecting another starts again from all containers, current run.
struct PodLogChoice: Sendable, Equatable {
  var namespace: String
  var pod: String
  /// The container shown; nil for every container.
  var container: String?
  /// The previous run instead of the current one.
  var previous = false

  /// What the container picker offers.
  enum Pick: Sendable, Hashable {
    case all
    case one(String)
  }

  /// The choice in force for `pod`: `kept` when it is about that Pod, else all containers, current.
  static func current(for pod: JSONValue, kept: PodLogChoice?) -> PodLogChoice {
    let namespace = pod[path: ["metadata", "namespace"]]?.stringValue ?? ""
    let name = pod[path: ["metadata", "name"]]?.stringValue ?? ""
    if let kept, kept.namespace == namespace, kept.pod == name { return kept }
    return PodLogChoice(namespace: namespace, pod: name)
  }

  /// The Pod's containers, in spec order.
  static func containers(of pod: JSONValue) -> [String] {
    (pod[path: ["spec", "containers"]]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
  }

  /// The log sources: one per container shown. A Pod of one container is asked for without
  /// naming it (the server picks its only one), so its lines carry the pod's name alone.
  func sources(of pod: JSONValue) -> Set<LogSource> {
    let containers = Self.containers(of: pod)
    if containers.count <= 1 { return [LogSource(namespace: namespace, pod: self.pod, previous: previous)] }
    let shown = container.map { [$0] } ?? containers
    return Set(shown.map { LogSource(namespace: namespace, pod: self.pod, container: $0, previous: previous) })
  }

  /// Why the shown containers have no previous run, in the kubelet's words, or nil when each has
  /// one (a `lastState.terminated` in its status, as `kubectl logs -p` needs).
  func missingPrevious(in pod: JSONValue) -> String? {
    let containers = Self.containers(of: pod)
    let shown = container.map { [$0] } ?? containers
    let statuses = pod[path: ["status", "containerStatuses"]]?.arrayValue ?? []
    let lacking = shown.filter { name in
      let status = statuses.first { $0["name"]?.stringValue == name }
      return status?[path: ["lastState", "terminated"]] == nil
    }
    guard lacking.count == shown.count, let first = lacking.first else { return nil }
    return "previous terminated container \"\(first)\" in pod \"\(self.pod)\" not found"
  }

  /// The container shown (`app`; `all containers` of several), with `previous` after it.
  func label(of pod: JSONValue) -> String {
    let containers = Self.containers(of: pod)
    let shown = container ?? (containers.count == 1 ? containers[0] : "all containers")
    return shown + (previous ? " · previous" : "")
  }

  /// The container picker for `pod`: every container first, then each with its state.
  static func picker(for pod: JSONValue, selecting choice: PodLogChoice) -> ChoicePicker<Pick> {
    let statuses = pod[path: ["status", "containerStatuses"]]?.arrayValue ?? []
    let rows = containers(of: pod).map { name in
      let status = statuses.first { $0["name"]?.stringValue == name }
      return ChoicePicker<Pick>.Choice(text: "\(name)  \(Self.summary(status))", role: nil, value: .one(name))
    }
    let all = ChoicePicker<Pick>.Choice(text: "all containers", role: nil, value: .all)
    let name = pod[path: ["metadata", "name"]]?.stringValue ?? ""
    return ChoicePicker(
      title: "Logs of \(name)", hint: "j/k move · enter follow · esc close", choices: [all] + rows,
      selecting: choice.container.map(Pick.one) ?? .all)
  }

  /// `running · 2 restarts`, `waiting CrashLoopBackOff`, `terminated Completed`.
  private static func summary(_ status: JSONValue?) -> String {
    guard let status else { return "not started" }
    var state = "unknown"
    for phase in ["running", "waiting", "terminated"] {
      guard let detail = status[path: ["state", phase]] else { continue }
      state = [phase, detail["reason"]?.stringValue].compactMap { $0 }.joined(separator: " ")
    }
    let restarts = status["restartCount"]?.intValue ?? 0
    return restarts == 0 ? state : "\(state) · \(restarts) restart\(restarts == 1 ? "" : "s")"
  }
}
