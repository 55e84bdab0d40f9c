/// One context `:ctx` offers: a kubeconfig context, or the embedded world the console started.
struct ConsoleContext: Equatable, Sendable {
  /// The name typed after `:ctx` (`embedded` for the embedded world).
  var name: String
  /// The kubeconfig cluster it names; empty for the embedded world.
  var cluster: String
  /// The API server's URL; nil when its cluster is not defined (switching to it is refused then).
  var server: String?
  /// The context's namespace, if it sets one.
  var namespace: String?
  /// Whether this is the embedded world rather than a kubeconfig context.
  var embedded: Bool

  init(name: String, cluster: String = "", server: String?, namespace: String? = nil, embedded: Bool = false) {
    self.name = name
    self.cluster = cluster
    self.server = server
    self.namespace = namespace
    self.embedded = embedded
  }

  /// The name the embedded world is offered under.
  static let embeddedName = "embedded"
}

/// The contexts `:ctx` offers, as last read from the kubeconfig, and why it could not be read.
struct ConsoleContexts: Equatable, Sendable {
  var entries: [ConsoleContext] = []
  /// The kubeconfig's error, naming file and field, when it could not be read.
  var problem: String?

  /// The context called `name`; the embedded world first when a kubeconfig context has its name.
  func entry(named name: String) -> ConsoleContext? {
    entries.first { $0.name == name && $0.embedded } ?? entries.first { $0.name == name }
  }
}
