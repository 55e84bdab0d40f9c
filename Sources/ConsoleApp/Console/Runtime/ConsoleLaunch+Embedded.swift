import ClusterClient
import EmbeddedCluster
import Foundation
import Logging
import ServiceLifecycle

extension ConsoleLaunch {
  /// Starts the embedded world in-process (as `aiconsole serve --demo` would, in the same state
  /// directory), connects to it through the kubeconfig it wrote, and feeds the inbox; on
  /// cancellation stops the services gracefully.
  func runEmbedded(inbox: ConsoleInbox, requests: ConsoleRequests, readOnly: Bool) async {
    var logger = Logger(label: "aiconsole.console")
    logger.logLevel = .warning
    let ready = AsyncStream<ControlPlaneEndpoints>.makeStream()
    var options = EmbeddedWorld.Options(stateDirectory: stateDirectory)
    options.demo = demo
    let group: ServiceGroup
    do {
      let world = try await EmbeddedWorld(options: options, logger: logger) { ready.continuation.yield($0) }
      group = ServiceGroup(configuration: .init(services: world.services, logger: logger))
    } catch {
      inbox.post(.failed("cannot start the embedded control plane in \(stateDirectory.path): \(error)"))
      return
    }
    await withTaskGroup(of: Void.self) { tasks in
      tasks.addTask {
        do { try await group.run() } catch { inbox.post(.failed("the embedded control plane stopped: \(error)")) }
      }
      await withTaskCancellationHandler {
        await feedEmbedded(ready: ready.stream, inbox: inbox, requests: requests, readOnly: readOnly)
      } onCancel: {
        Task { await group.triggerGracefulShutdown() }
      }
      await group.triggerGracefulShutdown()
      await tasks.waitForAll()
    }
  }

  private func feedEmbedded(
    ready: AsyncStream<ControlPlaneEndpoints>, inbox: ConsoleInbox, requests: ConsoleRequests,
    readOnly: Bool
  ) async {
    var iterator = ready.makeAsyncIterator()
    guard let endpoints = await iterator.next() else { return }
    inbox.post(
      .world(ConsoleState.World(context: "embedded", server: endpoints.apiServer, embedded: true, readOnly: readOnly)))
    do {
      let client = try KubeClient(configuration: .load(kubeconfig: endpoints.kubeconfigPath).identified(as: "console"))
      let metrics = MetricsSource.sources(
        prometheus: prometheus, metricsURLs: metricsURLs, stateDirectory: endpoints.stateDirectory)
      await ConsoleFeeds(
        client: client, inbox: inbox, requests: requests, metricsSources: metrics,
        runOperation: operationRunner(client: client, readOnly: readOnly)
      ).run()
      try? await client.shutdown()
    } catch {
      inbox.post(.failed("cannot connect to the embedded control plane: \(error)"))
    }
  }
}
