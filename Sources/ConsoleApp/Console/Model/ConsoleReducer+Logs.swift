import ClusterClient
import KubeCore

extension ConsoleReducer {
  /// The namespace of the embedded components' pods (controller, gateway), whose logs the pane
  /// shows beside the selection's.
  static let componentNamespace = "aiconsole-system"
  /// Instance pods followed at most in correlation mode, so that a huge cluster cannot open
  /// thousands of streams from one key.
  static let correlationPodLimit = 200

  /// A `followLogs` effect when the log sources wanted now differ from those followed.
  static func followEffect(_ state: inout ConsoleState) -> ConsoleEffect? {
    let wanted = logSources(state)
    guard wanted != state.followedSources else { return nil }
    state.followedSources = wanted
    // Lines already kept stay: those of the sources still wanted are shown again, with their
    // order kept, and a source followed again does not repeat what was kept of it.
    state.logs.setSources(wanted, viewport: state.viewports.logs)
    return .followLogs(wanted)
  }

  /// The component pods, and the selection's instance pods — or, in correlation mode, every
  /// instance pod in every namespace (a request or a change can touch any of them). A selected
  /// Pod shows its own containers alone, as its `PodLogChoice` says.
  static func logSources(_ state: ConsoleState) -> Set<LogSource> {
    if state.logs.correlationID == nil, let pod = podLogSources(state) { return pod }
    var sources: Set<LogSource> = []
    // The API server's own request log is left out: it logs every log line the others append.
    for pod in state.store.related(.componentPods) where !ResourceStore.key(pod).contains("apiserver") {
      if let source = source(of: pod) { sources.insert(source) }
    }
    let pods: [JSONValue]
    if state.logs.correlationID != nil {
      pods = Array(state.store.related(.pods).prefix(correlationPodLimit))
    } else if let (resource, object) = state.selection {
      pods = Array(Ownership(store: state.store, registry: state.registry).pods(of: resource, object).prefix(8))
    } else {
      pods = []
    }
    for pod in pods {
      if let source = source(of: pod) { sources.insert(source) }
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
