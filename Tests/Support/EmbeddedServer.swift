/// Test support shared by the test targets that need a real embedded control plane.
import ClusterClient
import EmbeddedCluster
import Foundation
import Logging
import ServiceLifecycle

/// The control plane stopped before it served.
public struct EmbeddedServerError: Error {
  public var reason: String
}

/// A real `aiconsole serve` control plane, in-process, serving HTTPS on a loopback port; tests
/// reach it only over the network through its kubeconfig, exactly as any client would.
public final class EmbeddedServer: Sendable {
  public let endpoints: ControlPlaneEndpoints
  private let group: ServiceGroup
  private let task: Task<Void, any Error>

  /// Starts a control plane in `directory` (a fresh temporary one by default) and waits until it serves.
  public static func start(directory: URL? = nil, port: Int = 0, watchWindow: Int = 50_000) async throws
    -> EmbeddedServer
  {
    let directory = directory ?? temporaryDirectory()
    let ready = AsyncStream<ControlPlaneEndpoints>.makeStream()
    let logger = Logger(label: "embedded-test")
    let controlPlane = try await ControlPlane(
      options: .init(stateDirectory: directory, port: port, watchWindow: watchWindow), logger: logger
    ) { ready.continuation.yield($0) }
    let group = ServiceGroup(configuration: .init(services: [controlPlane], logger: logger))
    let task = Task {
      // A server that fails to start (its port taken) must end the wait below, not leave it hanging.
      defer { ready.continuation.finish() }
      try await group.run()
    }
    var iterator = ready.stream.makeAsyncIterator()
    guard let endpoints = await iterator.next() else {
      try await task.value
      throw EmbeddedServerError(reason: "the control plane stopped before it served (port \(port))")
    }
    return EmbeddedServer(endpoints: endpoints, group: group, task: task)
  }

  private init(endpoints: ControlPlaneEndpoints, group: ServiceGroup, task: Task<Void, any Error>) {
    self.endpoints = endpoints
    self.group = group
    self.task = task
  }

  public static func temporaryDirectory() -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "aiconsole-client-\(UUID().uuidString.prefix(8))")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  public var stateDirectory: URL { endpoints.stateDirectory }
  public var kubeconfigPath: String { endpoints.kubeconfigPath }

  /// Stops serving and waits until the port is closed.
  public func stop() async {
    await group.triggerGracefulShutdown()
    _ = try? await task.value
  }
}
