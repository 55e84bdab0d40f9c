/// Where log lines come from: one container of one pod (the pod's default container when
/// `container` is nil), its current run or, with `previous`, the run before the last restart
/// (`kubectl logs -p`).
public struct LogSource: Hashable, Sendable, CustomStringConvertible {
  /// The pod's namespace.
  public var namespace: String
  /// The pod's name.
  public var pod: String
  /// The container, or nil for the pod's only (or default) container.
  public var container: String?
  /// The container's previous run, which has ended: read once, never followed.
  public var previous: Bool

  /// A source for a pod and, optionally, one of its containers and its previous run.
  public init(namespace: String, pod: String, container: String? = nil, previous: Bool = false) {
    self.namespace = namespace
    self.pod = pod
    self.container = container
    self.previous = previous
  }

  /// `namespace/pod` or `namespace/pod/container`, and ` (previous)` for the run before.
  public var description: String {
    "\(namespace)/\(pod)" + (container.map { "/\($0)" } ?? "") + (previous ? " (previous)" : "")
  }

  /// The path of the pod's `log` subresource.
  var logPath: String { "/api/v1/namespaces/\(namespace)/pods/\(pod)/log" }
}
