import ClusterClient
import ClusterTestSupport
import Foundation
import Logging
import ServingLimits
import Testing

@testable import Gateway

/// The gateway's server on its own (no cluster behind it: only `/healthz` is asked): the request
/// head limit counted over all lines, the header deadline, and the connection caps.
@Suite("gateway connection limits", .serialized, .timeLimit(.minutes(1))) struct GatewayConnectionLimitsTests {
  /// 10,000 short lines (about 105 KB) pass NIO's own limits, which count names and values but
  /// not the line ends; the gateway's 80 KB counts every line as sent, so they get 431 and the
  /// connection closes. Before, they were served.
  @Test func tenThousandShortHeaderLinesGet431() async throws {
    try await withGateway { port, _ in
      let socket = try LoopbackSocket(port: port, timeout: 5)
      let lines = (0..<10_000).map { "X-\($0 % 100): v\r\n" }.joined()
      try socket.send("GET /healthz HTTP/1.1\r\nHost: gateway\r\n" + lines + "\r\n")
      let answer = socket.readToEnd()
      #expect(answer.hasPrefix("HTTP/1.1 431 Request Header Fields Too Large\r\n"), "got: \(answer.prefix(80))")
      #expect(answer.contains("connection: close"))

      let fits = try LoopbackSocket(port: port, timeout: 5)
      let some = (0..<2_000).map { "X-\($0 % 100): v\r\n" }.joined()
      try fits.send("GET /healthz HTTP/1.1\r\nHost: gateway\r\n" + some + "\r\n")
      #expect(try fits.read().hasPrefix("HTTP/1.1 200 OK"), "2,000 lines (about 20 KB) are served")
    }
  }

  /// A head over the limit as one line is refused the same way (NIO's field limit, now 431, not 400).
  @Test func oneHugeHeaderLineGets431() async throws {
    try await withGateway { port, _ in
      let socket = try LoopbackSocket(port: port, timeout: 5)
      try socket.send("GET /healthz HTTP/1.1\r\nX-Big: " + String(repeating: "a", count: 90_000) + "\r\n\r\n")
      #expect(socket.readToEnd().hasPrefix("HTTP/1.1 431 "))
    }
  }

  /// A client dribbling its head is closed at the header deadline even though it keeps sending
  /// (the old read-idle timer restarted at every byte).
  @Test func aSlowHeadIsClosedAtTheHeaderDeadline() async throws {
    var limits = ConnectionLimits.gateway
    limits.deadlines.header = .milliseconds(500)
    try await withGateway(limits) { port, _ in
      let socket = try LoopbackSocket(port: port, timeout: 5)
      let started = ContinuousClock.now
      try socket.send("GET /healthz HTTP/1.1\r\n")
      var closed = false
      while ContinuousClock.now - started < .seconds(3) {
        do { try socket.send("X-Slow: 1\r\n") } catch {
          closed = true
          break
        }
        // The dribbling client's pace is the scenario, not a wait for the server.
        try await Task.sleep(for: .milliseconds(50))
      }
      let after = ContinuousClock.now - started
      #expect(closed || socket.readToEnd().isEmpty, "the dribbling connection was closed")
      #expect(after >= .milliseconds(450) && after < .seconds(3), "closed after \(after)")
    }
  }

  /// At the connection cap a new client still gets in: the oldest connection that has sent
  /// nothing is closed to make room, as nginx reuses idle connections.
  @Test func atTheCapTheOldestSilentConnectionMakesRoom() async throws {
    var limits = ConnectionLimits.gateway
    limits.maxConnections = 4
    try await withGateway(limits) { port, admission in
      let silent = try (0..<4).map { _ in try LoopbackSocket(port: port, timeout: 5) }
      #expect(await Polling.until(upTo: .seconds(5), every: .milliseconds(10)) { admission.counts.open == 4 })
      let client = try LoopbackSocket(port: port, timeout: 5)
      try client.send("GET /healthz HTTP/1.1\r\nHost: gateway\r\n\r\n")
      #expect(try client.read().hasPrefix("HTTP/1.1 200 OK"))
      #expect(admission.counts.reclaimed == 1, "one silent connection was closed to make room")
      #expect(admission.counts.open == 4)
      _ = silent
    }
  }

  /// At the cap with every connection mid-request, a new connection is closed at once.
  @Test func atTheCapWithNoneSilentANewConnectionIsClosed() async throws {
    var limits = ConnectionLimits.gateway
    limits.maxConnections = 3
    try await withGateway(limits) { port, admission in
      let busy = try (0..<3).map { _ in try LoopbackSocket(port: port, timeout: 5) }
      for socket in busy { try socket.send("GET /healthz HTTP/1.1\r\n") }
      #expect(
        await Polling.until(upTo: .seconds(5), every: .milliseconds(10)) {
          admission.counts.open == 3 && admission.counts.reclaimable == 0
        })
      let refused = try LoopbackSocket(port: port, timeout: 5)
      try? refused.send("GET /healthz HTTP/1.1\r\nHost: gateway\r\n\r\n")
      #expect(refused.readToEnd().isEmpty, "the fourth connection is closed unanswered")
      try busy[0].send("Host: gateway\r\n\r\n")
      #expect(try busy[0].read().hasPrefix("HTTP/1.1 200 OK"), "the admitted ones are served")
    }
  }

  /// A gateway server with no cluster behind it: `/healthz` and refusals are what it answers.
  /// The response-encoding tests serve from it too.
  func withGateway(
    _ limits: ConnectionLimits = .gateway, _ body: (Int, ConnectionGuard) async throws -> Void
  ) async throws {
    // Writing to a connection the server closed must fail with EPIPE, not kill the test run.
    signal(SIGPIPE, SIG_IGN)
    let client = try KubeClient(
      configuration: ClusterConfiguration(
        server: "http://127.0.0.1:1", contextName: "none", namespace: "default", source: "test"))
    let load = InstanceLoad()
    let handler = RequestHandler(
      view: ClusterView(client: client), backend: SimulatedBackend(load: load, metrics: FleetMetrics()) { _, _ in },
      busy: { load.inFlightNow($0.pod) }, record: { _ in })
    var server = GatewayServer(
      handler: handler, host: "127.0.0.1", port: 0, exposition: { [] }, logger: Logger(label: "test"))
    server.limits = limits
    let listening = AsyncStream<Int>.makeStream()
    let serving = Task { [server] in try await server.run { listening.continuation.yield($0) } }
    var ports = listening.stream.makeAsyncIterator()
    let port = try #require(await ports.next())
    do { try await body(port, server.admission) } catch {
      serving.cancel()
      try await client.shutdown()
      throw error
    }
    serving.cancel()
    try await client.shutdown()
  }

}
