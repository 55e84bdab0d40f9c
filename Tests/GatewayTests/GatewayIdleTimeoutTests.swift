import ClusterClient
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
      handler: handler, view: view, host: "127.0.0.1", port: 0, exposition: { [] }, logger: Logger(label: "test"))
    server.idleTimeout = .milliseconds(300)
    let listening = AsyncStream<Int>.makeStream()
    let serving = Task { try await server.run { listening.continuation.yield($0) } }
    defer { serving.cancel() }
    var ports = listening.stream.makeAsyncIterator()
    let port = try #require(await ports.next())

    let used = try QuietClient(port: port)
    try used.send("GET /healthz HTTP/1.1\r\nHost: gateway\r\n\r\n")
    #expect(try used.read().hasPrefix("HTTP/1.1 200 OK"))
    let silent = try QuietClient(port: port)
    try await Task.sleep(for: .seconds(1))
    #expect(try used.read().isEmpty, "the kept-alive connection was closed once quiet")
    #expect(try silent.read().isEmpty, "a connection that never sent a request was closed")
    try await client.shutdown()
  }
}

/// A blocking loopback TCP client, enough to see when the server closes.
private final class QuietClient {
  let descriptor: Int32

  init(port: Int) throws {
    descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var timeout = timeval(tv_sec: 5, tv_usec: 0)
    setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = UInt16(port).bigEndian
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard connected == 0 else { throw CocoaError(.fileReadUnknown) }
  }

  func send(_ text: String) throws {
    let bytes = Array(text.utf8)
    guard bytes.withUnsafeBytes({ write(descriptor, $0.baseAddress!, $0.count) }) == bytes.count else {
      throw CocoaError(.fileWriteUnknown)
    }
  }

  /// What one read returns: empty once the server has closed; throws on the 5 s timeout.
  func read() throws -> String {
    var buffer = [UInt8](repeating: 0, count: 4096)
    let count = buffer.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress!, $0.count) }
    guard count >= 0 else { throw CocoaError(.fileReadUnknown) }
    return String(decoding: buffer[..<count], as: UTF8.self)
  }

  deinit { close(descriptor) }
}
