import ClusterClient
import ClusterTestSupport
import Foundation
import Logging
import Testing

@testable import Gateway

/// The gateway's server on its own (no cluster behind it: only `/healthz` is asked): a client
/// connection that goes quiet is closed after the idle timeout.
@Suite("gateway idle connections", .timeLimit(.minutes(1))) struct GatewayIdleTimeoutTests {
  @Test func aQuietConnectionIsClosedAfterTheIdleTimeout() async throws {
    let client = try KubeClient(
      configuration: ClusterConfiguration(
        server: "http://127.0.0.1:1", contextName: "none", namespace: "default", source: "test"))
    let view = ClusterView(client: client)
    let load = InstanceLoad()
    let handler = RequestHandler(
      view: view, backend: SimulatedBackend(load: load, metrics: FleetMetrics()) { _, _ in },
      busy: { load.inFlightNow($0.pod) }, record: { _ in })
    var server = GatewayServer(
      handler: handler, host: "127.0.0.1", port: 0, exposition: { [] }, logger: Logger(label: "test"))
    server.idleTimeout = .milliseconds(300)
    let listening = AsyncStream<Int>.makeStream()
    let serving = Task { try await server.run { listening.continuation.yield($0) } }
    defer { serving.cancel() }
    var ports = listening.stream.makeAsyncIterator()
    let port = try #require(await ports.next())

    let used = try LoopbackSocket(port: port, timeout: 5)
    try used.send("GET /healthz HTTP/1.1\r\nHost: gateway\r\n\r\n")
    #expect(try used.read().hasPrefix("HTTP/1.1 200 OK"))
    let silent = try LoopbackSocket(port: port, timeout: 5)
    try await Task.sleep(for: .seconds(1))
    #expect(try used.read().isEmpty, "the kept-alive connection was closed once quiet")
    #expect(try silent.read().isEmpty, "a connection that never sent a request was closed")
    try await client.shutdown()
  }
}
