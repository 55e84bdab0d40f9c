import ClusterClient
import Foundation

/// What `:ctx` needs of the launch: the contexts to offer, a context made into a connection, and
/// the metrics sources of each.
extension ConsoleLaunch {
  /// The launch's part in `ConsoleConnections`.
  func driver(host: EmbeddedHost?, readOnly: Bool) -> ConsoleConnections.Driver {
    ConsoleConnections.Driver(
      connect: { target, inbox, requests in
        await self.connect(target, inbox: inbox, requests: requests, host: host, readOnly: readOnly)
      },
      resolve: { context in try self.resolve(context, host: host, readOnly: readOnly) },
      contexts: { self.contexts(host: host) })
  }

  /// The kubeconfig files `:ctx` reads, again at each `:ctx`: the ones the console's context came
  /// from (KUBECONFIG's list merged, `--kubeconfig`, or the kubeconfig of the serve it attached
  /// to); in the embedded world, the ones kubectl would read.
  var kubeconfigFiles: [String] {
    switch target {
    case .cluster(let configuration): configuration.origin?.files ?? []
    case .embedded: Kubeconfig.locate(explicitPath: nil, environment: ProcessInfo.processInfo.environment)
    }
  }

  /// The embedded world first (when the console started one), then every context of the
  /// kubeconfig, as read now.
  func contexts(host: EmbeddedHost?) -> ConsoleContexts {
    var contexts = ConsoleContexts()
    if let host {
      contexts.entries.append(
        ConsoleContext(name: ConsoleContext.embeddedName, server: host.server ?? "in-process", embedded: true))
    }
    let files = kubeconfigFiles
    guard !files.isEmpty else { return contexts }
    do {
      contexts.entries += try Kubeconfig.load(files: files).contextSummaries.map {
        ConsoleContext(name: $0.name, cluster: $0.cluster, server: $0.server, namespace: $0.namespace)
      }
    } catch {
      contexts.problem = "\(error)"
    }
    return contexts
  }

  /// The connection target and the header's world for `context`, its kubeconfig entry read and
  /// checked now (certificates, credentials), so an unusable one is refused before the console
  /// leaves the context it shows. The kubeconfig's `current-context` is left as it is.
  func resolve(_ context: ConsoleContext, host: EmbeddedHost?, readOnly: Bool) throws -> (
    Target, ConsoleState.World
  ) {
    if context.embedded {
      guard host != nil else {
        throw KubeconfigError(file: "embedded", reason: "the console started no embedded world")
      }
      return (
        .embedded,
        ConsoleState.World(
          context: ConsoleContext.embeddedName, server: host?.server ?? "starting…", embedded: true, readOnly: readOnly)
      )
    }
    let configuration = try Kubeconfig.load(files: kubeconfigFiles).configuration(context: context.name)
    return (
      .cluster(configuration),
      ConsoleState.World(
        context: configuration.contextName, server: configuration.server, embedded: false, readOnly: readOnly)
    )
  }

  /// As at start: `--prometheus` and `--metrics-url` belong to the context the console started on
  /// (they name that cluster's endpoints); any context whose cluster a serve's kubeconfig
  /// defines gets that serve's gateway and fleet from the `endpoints.json` beside it.
  func metricsSources(for configuration: ClusterConfiguration) -> [MetricsSource] {
    let started: Bool =
      if case .cluster(let first) = target { first.contextName == configuration.contextName } else { false }
    return MetricsSource.sources(
      prometheus: started ? prometheus : nil, metricsURLs: started ? metricsURLs : [],
      stateDirectory: Self.servedStateDirectory(configuration))
  }
}
