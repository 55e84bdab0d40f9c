/// Where log lines come from: one container of one pod (the pod's default container when
/// `container` is nil).
public struct LogSource: Hashable, Sendable, CustomStringConvertible {
  /// The pod's namespace.
  public var namespace: String
  /// The pod's name.
  public var pod: String
  /// The container, or nil for the pod's only (or default) container.
  public var container: String?

  /// A source for a pod and, optionally, one of its containers.
  public init(namespace: String, pod: String, container: String? = nil) {
    self.namespace = namespace
    self.pod = pod
    self.container = container
  }

  /// `namespace/pod` or `namespace/pod/container`.
  public var description: String { "\(namespace)/\(pod)" + (container.map { "/\($0)" } ?? "") }

  /// The path of the pod's `log` subresource.
  var logPath: String { "/api/v1/namespaces/\(namespace)/pods/\(pod)/log" }
}
