import ClusterClient
import KubeCore

extension ConsoleReducer {
  /// The namespace of the embedded components' pods (controller, gateway), whose logs the pane
  /// shows beside the selection's.
  static let componentNamespace = "aiconsole-system"

  /// A `followLogs` effect when the selection's log sources differ from those followed.
  static func followEffect(_ state: inout ConsoleState) -> ConsoleEffect? {
    let wanted = logSources(state)
    guard wanted != state.followedSources else { return nil }
    state.followedSources = wanted
    state.logs.clear()
    return .followLogs(wanted)
  }

  /// The selection's instance pods and the component pods.
  static func logSources(_ state: ConsoleState) -> Set<LogSource> {
    var sources: Set<LogSource> = []
    // The API server's own request log is left out: it logs every log line the others append.
    for pod in state.store.related("ComponentPod") where !ResourceStore.key(pod).contains("apiserver") {
      if let source = source(of: pod) { sources.insert(source) }
    }
    if let (resource, object) = state.selection {
      for pod in Ownership(store: state.store).pods(of: resource, object).prefix(8) {
        if let source = source(of: pod) { sources.insert(source) }
      }
    }
    return sources
  }

  private static func source(of pod: JSONValue) -> LogSource? {
    guard let namespace = pod[path: ["metadata", "namespace"]]?.stringValue,
      let name = pod[path: ["metadata", "name"]]?.stringValue
    else { return nil }
    return LogSource(namespace: namespace, pod: name)
  }
}
