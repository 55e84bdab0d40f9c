import ClusterClient
import EmbeddedCluster
import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// The embedded world as the console hosts it: started once, up until the console quits. Any
/// number of connections over time wait for its endpoints (the first at start, and one each
/// time `:ctx embedded` comes back to it).
final class EmbeddedHost: Sendable {
  private struct State {
    var outcome: Result<ControlPlaneEndpoints, EmbeddedFailure>?
    var waiters: [CheckedContinuation<Result<ControlPlaneEndpoints, EmbeddedFailure>, Never>] = []
  }

  /// Why the embedded world is not there.
  struct EmbeddedFailure: Error, Sendable {
    var message: String
  }

  private let state = Mutex(State())

  /// The API server's URL once it is up.
  var server: String? { state.withLock { try? $0.outcome?.get().apiServer } }

  /// Its endpoints once it is up, or why it is not; waits while it starts.
  func endpoints() async -> Result<ControlPlaneEndpoints, EmbeddedFailure> {
    await withCheckedContinuation { continuation in
      let now: Result<ControlPlaneEndpoints, EmbeddedFailure>? = state.withLock { state in
        if let outcome = state.outcome { return outcome }
        state.waiters.append(continuation)
        return nil
      }
      if let now { continuation.resume(returning: now) }
    }
  }

  /// It came up, or failed, or stopped: wakes everyone waiting, and answers everyone later.
  func settle(_ outcome: Result<ControlPlaneEndpoints, EmbeddedFailure>) {
    let waiters = state.withLock { state in
      state.outcome = outcome
      defer { state.waiters.removeAll() }
      return state.waiters
    }
    for waiter in waiters { waiter.resume(returning: outcome) }
  }
}

extension ConsoleLaunch {
  /// Starts the embedded world in-process (as `aiconsole serve --demo` would, in the same state
  /// directory) and keeps it up until cancelled, then stops its services gracefully.
  func hostEmbedded(_ host: EmbeddedHost, inbox: ConsoleInbox) async {
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
      host.settle(
        .failure(.init(message: "cannot start the embedded control plane in \(stateDirectory.path): \(error)")))
      return
    }
    await withTaskGroup(of: Void.self) { tasks in
      tasks.addTask {
        do {
          try await group.run()
          host.settle(.failure(.init(message: "the embedded control plane stopped")))
        } catch {
          host.settle(.failure(.init(message: "the embedded control plane stopped: \(error)")))
          inbox.post(.failed("the embedded control plane stopped: \(error)"))
        }
      }
      await withTaskCancellationHandler {
        var iterator = ready.stream.makeAsyncIterator()
        if let endpoints = await iterator.next() { host.settle(.success(endpoints)) }
        while !Task.isCancelled { try? await Task.sleep(for: .seconds(3600)) }
      } onCancel: {
        Task { await group.triggerGracefulShutdown() }
      }
      await group.triggerGracefulShutdown()
      await tasks.waitForAll()
    }
  }

  /// One connection to the embedded world: waits for it to be up, says where it is, and feeds
  /// `inbox` through the kubeconfig it wrote until cancelled.
  func feedEmbedded(_ host: EmbeddedHost, inbox: ConsoleInbox, requests: ConsoleRequests, readOnly: Bool) async {
    let endpoints: ControlPlaneEndpoints
    switch await host.endpoints() {
    case .success(let up): endpoints = up
    case .failure(let failure):
      inbox.post(.failed(failure.message))
      return
    }
    guard !Task.isCancelled else { return }
    inbox.post(
      .world(
        ConsoleState.World(
          context: ConsoleContext.embeddedName, server: endpoints.apiServer, embedded: true, readOnly: readOnly)))
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
