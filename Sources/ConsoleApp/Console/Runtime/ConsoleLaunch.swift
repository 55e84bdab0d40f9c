import ClusterClient
import EmbeddedCluster
import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import Views

/// One run of the console: the screen on its own thread from the first moment, and beside it the
/// connection — the embedded control plane started in-process, or a cluster's API server — whose
/// informers, logs and metrics feed the screen through the inbox. Quitting the screen cancels
/// the connection, which stops the embedded services gracefully.
final class ConsoleLaunch: Sendable {
  /// The state directory of an `aiconsole serve` whose kubeconfig this is (it has an
  /// `endpoints.json` beside it), so that its metrics are found without flags.
  /// The file that defines the context's cluster is the one looked beside, so that a serve's
  /// context merged with others in `KUBECONFIG` still finds its metrics.
  static func servedStateDirectory(_ configuration: ClusterConfiguration) -> URL? {
    let file = configuration.origin?.clusterFile ?? configuration.source
    let directory = URL(fileURLWithPath: file).deletingLastPathComponent()
    let endpoints = directory.appendingPathComponent("endpoints.json").path
    return FileManager.default.fileExists(atPath: endpoints) ? directory : nil
  }

  /// Where the console looks.
  enum Target: Sendable {
    case embedded
    case cluster(ClusterConfiguration)
  }

  let target: Target
  let stateDirectory: URL
  let demo: Bool
  let prometheus: String?
  let metricsURLs: [String]
  /// The namespace listed at first (`-n`); nil lists every namespace.
  let namespace: String?
  private let failureMessage = Mutex<String?>(nil)

  init(
    world: Target, stateDirectory: URL, demo: Bool, prometheus: String?, metricsURLs: [String],
    namespace: String? = nil
  ) {
    self.namespace = namespace
    target = world
    self.stateDirectory = stateDirectory
    self.demo = demo
    self.prometheus = prometheus
    self.metricsURLs = metricsURLs
  }

  /// Why the console stopped, when it failed.
  var failure: String? { failureMessage.withLock { $0 } }

  /// Runs until the screen quits; returns its exit status.
  /// `themeError` says why the theme asked for was not used: the status line shows it at start.
  func run(theme: Theme, themeError: ThemeError? = nil, readOnly: Bool) async -> Int32 {
    let inbox = ConsoleInbox()
    let connections = ConsoleConnections(inbox: inbox)
    // The embedded world runs for the console's whole life once started, whichever context is on
    // screen: it is a server, like a serve in another terminal, and `:ctx embedded` comes back to it.
    let host: EmbeddedHost? = if case .embedded = target { EmbeddedHost() } else { nil }
    let world = initialWorld(readOnly: readOnly)
    return await withTaskGroup(of: Int32?.self) { group in
      if let host {
        group.addTask {
          await self.hostEmbedded(host, inbox: inbox)
          return nil
        }
      }
      group.addTask {
        await connections.run(first: self.target, self.driver(host: host, readOnly: readOnly))
        return nil
      }
      group.addTask {
        await self.screen(world: world, theme: (theme, themeError), inbox: inbox, perform: connections.perform)
      }
      while let result = await group.next() {
        if let code = result {
          group.cancelAll()
          return code
        }
      }
      return 0
    }
  }

  private func initialWorld(readOnly: Bool) -> ConsoleState.World {
    switch target {
    case .embedded:
      return ConsoleState.World(
        context: ConsoleContext.embeddedName, server: "starting…", embedded: true, readOnly: readOnly)
    case .cluster(let configuration):
      return ConsoleState.World(
        context: configuration.contextName, server: configuration.server, embedded: false, readOnly: readOnly)
    }
  }

  /// The terminal loop on a dedicated thread (ncurses blocks and is not thread-safe, so never a Task).
  private func screen(
    world: ConsoleState.World, theme: (Theme, ThemeError?), inbox: ConsoleInbox,
    perform: @escaping @Sendable (ConsoleEffect, Int) -> Void
  ) async -> Int32 {
    let (theme, themeError) = theme
    return await withCheckedContinuation { continuation in
      let thread = Thread {
        var state = ConsoleState(world: world, theme: theme)
        state.namespace = self.namespace
        if let themeError { ConsoleReducer.themeNotLoaded(themeError, &state) }
        var app = ConsoleApplication(state: state, inbox: inbox, perform: perform)
        do {
          continuation.resume(returning: try TerminalSession.run(&app, theme: theme))
        } catch {
          self.failureMessage.withLock { $0 = "\(error)" }
          continuation.resume(returning: 1)
        }
      }
      thread.stackSize = 8 << 20
      thread.name = "aiconsole-ui"
      thread.start()
    }
  }

  /// Runs one connection (to a cluster, or to the embedded world once it is up) and feeds
  /// `inbox` until cancelled.
  func connect(_ target: Target, inbox: ConsoleInbox, requests: ConsoleRequests, host: EmbeddedHost?, readOnly: Bool)
    async
  {
    switch target {
    case .cluster(let configuration):
      do {
        let client = try KubeClient(configuration: configuration.identified(as: "console"))
        await ConsoleFeeds(
          client: client, inbox: inbox, requests: requests, metricsSources: metricsSources(for: configuration),
          runOperation: operationRunner(client: client, readOnly: readOnly)
        ).run()
        try? await client.shutdown()
      } catch {
        inbox.post(.failed("cannot connect to \(configuration.server): \(error)"))
      }
    case .embedded:
      guard let host else { return }
      await feedEmbedded(host, inbox: inbox, requests: requests, readOnly: readOnly)
    }
  }
}
