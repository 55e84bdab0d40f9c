import ClusterTestSupport
import Foundation
import KubeCore
import NIOSSL
import Testing

/// The API server's connection limits against the real `aiconsole serve`: connections past the
/// descriptor limit are closed instead of killing the process, and the TLS handshake, request
/// head and idle keep-alive deadlines close what would otherwise be held forever (issue 23).
@Suite("API server connection limits", .serialized, .timeLimit(.minutes(2)))
struct ConnectionLimitsTests {
  /// Silent connections past `ulimit -n 256`: the server keeps a reserve of descriptors, makes
  /// room by closing the oldest silent connection, answers a real request meanwhile, and drops
  /// the rest at the handshake deadline. Before, the accept loop ran out of descriptors and the
  /// next request crashed the process.
  @Test func silentConnectionsPastTheDescriptorLimitAreClosedAndTheServerAnswers() async throws {
    let server = try LimitedServeProcess(descriptors: 256, arguments: ["--tls-handshake-timeout", "3"])
    let held = HeldConnections()
    let flood = ContinuousClock.now
    held.open(400, port: server.port)
    let opened = ContinuousClock.now - flood
    let excess = 400 - 256
    let settled = await Polling.until(upTo: .seconds(10)) { held.closedCount >= excess }
    let settledAfter = ContinuousClock.now - flood
    #expect(settled, "at least \(excess) of 400 silent connections closed, saw \(held.closedCount)")
    let holding = held.descriptors.count - held.closedCount
    let descriptorsOpen = server.openDescriptors
    #expect(descriptorsOpen < 256 - 32, "a reserve of descriptors is kept free, \(descriptorsOpen) open")

    let asked = ContinuousClock.now
    let probe = try await TLSProbe.connect(port: server.port)
    try await probe.send("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
    #expect(await probe.wait(upTo: .seconds(5)) { $0.received.contains("\r\n\r\nok") }, "got: \(probe.received)")
    let answeredIn = ContinuousClock.now - asked
    probe.close()

    let dropped = await Polling.until(upTo: .seconds(10)) { held.closedCount == held.descriptors.count }
    #expect(dropped, "every silent connection is closed at the handshake deadline")
    #expect(server.isRunning)
    WriteLoadTests.report([
      "scenario": "idle connections past ulimit -n 256", "opened": .int(400),
      "connect_failures": .int(Int64(held.connectFailures)), "held_by_server": .int(Int64(holding)),
      "server_descriptors": .int(Int64(descriptorsOpen)), "open_ms": .int(opened.milliseconds),
      "excess_closed_ms": .int(settledAfter.milliseconds), "request_answered_ms": .int(answeredIn.milliseconds),
      "process": .string(server.isRunning ? "alive" : "dead"),
    ])
  }

  /// Connections that have sent something cannot be reclaimed: with 100 of them at
  /// `--max-connections 100`, each new connection is closed at once (never accepted into a dying
  /// process), and once the stalled ones reach the header deadline a real request is answered.
  @Test func connectionsPastTheCapAreClosedAtOnceWhenNoneCanMakeRoom() async throws {
    let server = try LimitedServeProcess(
      descriptors: 1024, arguments: ["--request-header-timeout", "4", "--max-connections", "100"])
    let port = server.port
    let stalled = try await withThrowingTaskGroup(of: TLSProbe.self) { group in
      for _ in 0..<100 { group.addTask { try await TLSProbe.connect(port: port) } }
      return try await group.reduce(into: []) { $0.append($1) }
    }
    #expect(await Polling.until(upTo: .seconds(10)) { stalled.allSatisfy { $0.handshake == true } })
    let extra = HeldConnections()
    let refusing = ContinuousClock.now
    extra.open(20, port: server.port)
    #expect(await Polling.until(upTo: .seconds(1)) { extra.closedCount == 20 }, "the connections past 100 are closed")
    let refusedIn = ContinuousClock.now - refusing
    #expect(stalled.allSatisfy { !$0.isClosed }, "the stalled ones are still within their deadline")

    #expect(
      await Polling.until(upTo: .seconds(8)) { stalled.allSatisfy(\.isClosed) }, "stalled heads end at the deadline")
    let probe = try await TLSProbe.connect(port: server.port)
    try await probe.send("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
    #expect(await probe.wait(upTo: .seconds(5)) { $0.received.contains("\r\n\r\nok") })
    #expect(server.isRunning)
    WriteLoadTests.report([
      "scenario": "stalled heads at --max-connections 100", "stalled": .int(100), "extra": .int(20),
      "extra_closed_ms": .int(refusedIn.milliseconds), "process": .string(server.isRunning ? "alive" : "dead"),
    ])
  }

  /// A client sending its request head a byte at a time is cut off at the header deadline, as
  /// Go's `ReadHeaderTimeout` does for kube-apiserver; before, it stayed open as long as it sent.
  @Test func aSlowRequestHeadIsClosedAtTheHeaderDeadline() async throws {
    let server = try LimitedServeProcess(descriptors: 1024, arguments: ["--request-header-timeout", "1"])
    // The deadline runs from the end of the handshake, as Go's for a first request: the first line
    // is queued at once (TLS sends it when the handshake is done), so that a loaded machine's late
    // look at the handshake cannot use the deadline up before anything was sent.
    let started = ContinuousClock.now
    let probe = try await TLSProbe.connect(port: server.port)
    try await probe.send("GET /healthz HTTP/1.1\r\n")
    #expect(await probe.wait(upTo: .seconds(5)) { $0.handshake != nil })
    #expect(probe.handshake == true)
    var sent = 0
    while !probe.isClosed, ContinuousClock.now - started < .seconds(6) {
      try? await probe.send("X-Slow: \(sent)\r\n")
      sent += 1
      // The slow client's pace (a line every 100 ms) is the scenario, not a wait for the server.
      try await Task.sleep(for: .milliseconds(100))
    }
    let closedAfter = ContinuousClock.now - started
    #expect(probe.isClosed, "the connection sending a header line every 100 ms was closed")
    #expect(closedAfter >= .milliseconds(900) && closedAfter < .seconds(4), "closed after \(closedAfter)")
    WriteLoadTests.report([
      "scenario": "slow request head, header deadline 1 s", "lines_sent": .int(Int64(sent)),
      "closed_after_ms": .int(closedAfter.milliseconds),
    ])
  }

  /// A kept-alive connection with no next request is closed at the idle deadline (Go's
  /// `IdleTimeout`, 90 s by default), not held until the client leaves.
  @Test func anIdleKeptAliveConnectionIsClosedAtTheIdleDeadline() async throws {
    let server = try LimitedServeProcess(descriptors: 1024, arguments: ["--idle-connection-timeout", "1"])
    let probe = try await TLSProbe.connect(port: server.port)
    // Measured from before the request: the answer comes after it, and the idle deadline after
    // the answer, however late a loaded machine looks.
    let asked = ContinuousClock.now
    try await probe.send("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
    #expect(await probe.wait(upTo: .seconds(5)) { $0.received.contains("\r\n\r\nok") })
    #expect(await probe.wait(upTo: .seconds(4)) { $0.isClosed }, "the idle connection was closed")
    let closedAfter = ContinuousClock.now - asked
    #expect(closedAfter >= .milliseconds(900), "not before the idle deadline: \(closedAfter)")
  }

  /// TLS 1.0 and 1.1 are refused, as kube-apiserver refuses them; 1.2 is served.
  @Test func tlsBelowOnePointTwoIsRefused() async throws {
    let server = try LimitedServeProcess(descriptors: 1024, arguments: [])
    let old = try await TLSProbe.connect(port: server.port, minimum: .tlsv1, maximum: .tlsv11)
    #expect(await old.wait(upTo: .seconds(5)) { $0.handshake != nil })
    #expect(old.handshake == false, "a TLS 1.1 handshake must fail")
    let current = try await TLSProbe.connect(port: server.port, minimum: .tlsv12, maximum: .tlsv12)
    #expect(await current.wait(upTo: .seconds(5)) { $0.handshake != nil })
    #expect(current.handshake == true)
  }

  /// A head over kube-apiserver's 1 MiB gets Go's answer, 431 in plain text, and the connection
  /// is closed; before, a 400 came and the connection stayed open with the rest unread.
  @Test func aHeadOverOneMebibyteIsAnswered431AndClosed() async throws {
    let server = try LimitedServeProcess(descriptors: 1024, arguments: [])
    let probe = try await TLSProbe.connect(port: server.port)
    let line = "X-Filler: " + String(repeating: "a", count: 1000) + "\r\n"
    let head = "GET /healthz HTTP/1.1\r\nHost: localhost\r\n" + String(repeating: line, count: 1100) + "\r\n"
    try? await probe.send(head)
    #expect(await probe.wait(upTo: .seconds(5)) { $0.isClosed }, "the connection is closed")
    #expect(probe.received.hasPrefix("HTTP/1.1 431 Request Header Fields Too Large\r\n"), "got: \(probe.received)")
    #expect(probe.received.hasSuffix("\r\n\r\n431 Request Header Fields Too Large"))

    let fits = try await TLSProbe.connect(port: server.port)
    try await fits.send("GET /healthz HTTP/1.1\r\nHost: localhost\r\n" + String(repeating: line, count: 900) + "\r\n")
    #expect(await fits.wait(upTo: .seconds(5)) { $0.received.contains("\r\n\r\nok") }, "900 KB of headers is served")
  }

}

extension Duration {
  fileprivate var milliseconds: Int64 { components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000 }
}

/// The gateway's TLS listener refuses TLS 1.0 and 1.1 too.
@Suite("gateway TLS versions", .timeLimit(.minutes(2))) struct GatewayTLSVersionTests {
  @Test func tlsBelowOnePointTwoIsRefused() async throws {
    try await GatewayTLSTests.withTLSGateway("gateway-tls-version") { port, _ in
      let old = try await TLSProbe.connect(port: port, minimum: .tlsv1, maximum: .tlsv11)
      #expect(await old.wait(upTo: .seconds(5)) { $0.handshake != nil })
      #expect(old.handshake == false, "a TLS 1.1 handshake must fail")
      let current = try await TLSProbe.connect(port: port, minimum: .tlsv12, maximum: .tlsv12)
      #expect(await current.wait(upTo: .seconds(5)) { $0.handshake != nil })
      #expect(current.handshake == true)
    }
  }
}
