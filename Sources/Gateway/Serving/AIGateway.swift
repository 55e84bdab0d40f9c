import ClusterClient
import Foundation
import Logging
import NIOSSL

/// The AI gateway, assembled: a live view of the cluster's routes and instances, the simulated
/// model servers with their load and metrics, the request pipeline and its HTTP server. Its
/// access log goes to `accessLog` (a Pod's log in the embedded world, stderr elsewhere) and each
/// instance's request log to that instance's Pod.
public struct AIGateway: Sendable {
  public let view: ClusterView
  public let load: InstanceLoad
  public let gatewayMetrics: GatewayMetrics
  public let fleetMetrics: FleetMetrics
  let instanceLogs: PodLogWriter
  let server: GatewayServer

  public init(
    client: KubeClient, host: String, port: Int, tls: TLSConfiguration? = nil, timeScale: Double = 1,
    accessLog: @escaping @Sendable (String) -> Void, logger: Logger
  ) {
    let view = ClusterView(client: client)
    let load = InstanceLoad()
    let gatewayMetrics = GatewayMetrics()
    let fleetMetrics = FleetMetrics()
    let instanceLogs = PodLogWriter(client: client)
    let backend = SimulatedBackend(load: load, metrics: fleetMetrics, timeScale: timeScale) { instance, served in
      instanceLogs.write(served.logLine, to: .init(namespace: instance.namespace, pod: instance.pod))
    }
    let handler = RequestHandler(
      view: view, backend: backend, busy: { load.inFlightNow($0.pod) },
      record: { record in
        gatewayMetrics.count(record)
        accessLog(record.logLine())
      })
    server = GatewayServer(
      handler: handler, host: host, port: port, tls: tls,
      exposition: {
        await fleetMetrics.refresh(
          from: load, instances: await view.snapshot().allInstances, nodes: await view.nodeNames())
        return gatewayMetrics.exposition() + fleetMetrics.exposition()
      }, logger: logger)
    self.view = view
    self.load = load
    self.gatewayMetrics = gatewayMetrics
    self.fleetMetrics = fleetMetrics
    self.instanceLogs = instanceLogs
  }

  /// Serves until cancelled; `onListening` gets the bound port once the cluster view has synced.
  public func run(onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
    try await withThrowingTaskGroup(of: Void.self) { group in
      group.addTask { await view.run() }
      group.addTask { await instanceLogs.run() }
      group.addTask {
        await view.waitUntilSynced()
        try await server.run(onListening: onListening)
      }
      try await group.next()
      group.cancelAll()
    }
  }
}
