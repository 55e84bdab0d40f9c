import KubeCore

/// Which container of a Pod, and which run of it, a log request reads or writes, decided from the
/// Pod as kube-apiserver (`pod.LogLocation`, pkg/registry/core/pod/strategy.go) and the kubelet
/// (`validateContainerLogStatus`, pkg/kubelet/kubelet_pods.go) decide it, with the same messages.
///
/// Runs are numbered as the kubelet numbers its log files: a container's first run is 0, and the
/// run after `restartCount` restarts is `restartCount`. The current log is the running container's,
/// or — while a crashed container waits out its back-off — the one that crashed, as the kubelet
/// serves it; lines appended go to the current log too, so the lines a crashing run writes after
/// its status says it crashed stay with it. The previous log is the run before (`lastState`).
enum PodLogTarget {
  /// The container a read names, or the Pod's only one; 400 when it names none of a Pod's several
  /// containers or one the Pod does not have.
  static func readContainer(_ requested: String?, of pod: JSONValue, name: String) throws(StatusError) -> String {
    let containers = names(pod, "containers")
    guard let requested, !requested.isEmpty else {
      if containers.count == 1 { return containers[0] }
      guard !containers.isEmpty else {
        throw StatusError.badRequest("a container name must be specified for pod \(name)")
      }
      var message =
        "a container name must be specified for pod \(name), choose one of: [\(containers.joined(separator: " "))]"
      let initContainers = names(pod, "initContainers")
      if !initContainers.isEmpty {
        message += " or one of the init containers: [\(initContainers.joined(separator: " "))]"
      }
      throw StatusError.badRequest(message)
    }
    try requireContainer(requested, of: pod, name: name)
    return requested
  }

  /// The container an append names, or else the Pod's default one (the
  /// `kubectl.kubernetes.io/default-container` annotation, else the first container), which is
  /// where an in-process component that runs as the Pod writes.
  static func writeContainer(_ requested: String?, of pod: JSONValue, name: String) throws(StatusError) -> String {
    if let requested, !requested.isEmpty {
      try requireContainer(requested, of: pod, name: name)
      return requested
    }
    let containers = names(pod, "containers")
    if let annotated = pod[path: ["metadata", "annotations", defaultContainerAnnotation]]?.stringValue,
      containers.contains(annotated)
    {
      return annotated
    }
    guard let first = containers.first else {
      throw StatusError.badRequest("a container name must be specified for pod \(name)")
    }
    return first
  }

  /// kubectl's annotation for the container its commands use when none is named.
  static let defaultContainerAnnotation = "kubectl.kubernetes.io/default-container"

  /// The run whose log is current: where appends go and what a read without `previous` shows.
  static func currentRun(_ container: String, of pod: JSONValue) -> Int {
    guard let status = status(of: container, in: pod) else { return 0 }
    let restarts = max(0, Int(status["restartCount"]?.intValue ?? 0))
    let crashed = status[path: ["lastState", "terminated"]] != nil
    if status[path: ["state", "waiting"]] != nil, crashed, restarts > 0 { return restarts - 1 }
    return restarts
  }

  /// The run a read shows: the current one, or with `previous` the one before; 400 with the
  /// kubelet's message when the container has no previous run or has not started yet.
  static func readRun(_ container: String, of pod: JSONValue, name: String, previous: Bool) throws(StatusError) -> Int {
    let status = status(of: container, in: pod)
    if previous {
      let restarts = Int(status?["restartCount"]?.intValue ?? 0)
      guard status?[path: ["lastState", "terminated"]] != nil, restarts > 0 else {
        throw StatusError.badRequest("previous terminated container \"\(container)\" in pod \"\(name)\" not found")
      }
      return restarts - 1
    }
    if let status, let waiting = status[path: ["state", "waiting"]], status[path: ["lastState", "terminated"]] == nil,
      status["restartCount"]?.intValue ?? 0 == 0
    {
      let reason = waiting["reason"]?.stringValue ?? ""
      throw StatusError.badRequest("container \"\(container)\" in pod \"\(name)\" is waiting to start: \(reason)")
    }
    return currentRun(container, of: pod)
  }

  /// The container's entry in the Pod's status, among its containers, init and ephemeral ones.
  static func status(of container: String, in pod: JSONValue) -> JSONValue? {
    for list in ["containerStatuses", "initContainerStatuses", "ephemeralContainerStatuses"] {
      if let found = pod[path: ["status", list]]?.arrayValue?.first(where: { $0["name"]?.stringValue == container }) {
        return found
      }
    }
    return nil
  }

  private static func requireContainer(_ container: String, of pod: JSONValue, name: String) throws(StatusError) {
    let all = names(pod, "containers") + names(pod, "initContainers") + names(pod, "ephemeralContainers")
    guard all.contains(container) else {
      throw StatusError.badRequest("container \(container) is not valid for pod \(name)")
    }
  }

  private static func names(_ pod: JSONValue, _ list: String) -> [String] {
    (pod[path: ["spec", list]]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
  }
}
