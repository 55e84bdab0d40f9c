import AsyncHTTPClient
import Foundation
import NIOCore
import NIOSSL
import Testing

/// `aiconsole gateway` off loopback: refused without a certificate, HTTPS with one, and nothing
/// in clear text on that port.
@Suite("gateway TLS off loopback") struct GatewayTLSTests {
  @Test func refusesPlainHTTPOffLoopbackAndServesHTTPSWithACertificate() async throws {
    let refused = try runCommand(ServeProcess.binary, ["gateway", "--address", "0.0.0.0"])
    #expect(refused.status != 0)
    #expect(refused.stderr.contains("needs --tls-cert-file and --tls-key-file"))

    try await Self.withTLSGateway("gateway-tls") { port, file in
      var tls = TLSConfiguration.makeClientConfiguration()
      tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(file("ca.crt")))
      let client = HTTPClient(
        eventLoopGroupProvider: .singleton, configuration: HTTPClient.Configuration(tlsConfiguration: tls))
      let secure = try? await client.execute(
        HTTPClientRequest(url: "https://127.0.0.1:\(port)/v1/models"), timeout: .seconds(10))
      let plain = try? await client.execute(
        HTTPClientRequest(url: "http://127.0.0.1:\(port)/v1/models"), timeout: .seconds(10))
      try await client.shutdown()
      #expect(secure?.status == .ok, "no HTTPS answer")
      #expect(plain == nil || plain?.status != .ok, "the port answered in clear text")
    }
  }

  /// Runs `body` against `aiconsole gateway` serving HTTPS off loopback on the certificate of a
  /// `serve` beside it; `file` names a file of that server's state directory (its `ca.crt`).
  static func withTLSGateway(
    _ name: String, _ body: (_ port: Int, _ file: (String) -> String) async throws -> Void
  ) async throws {
    let directory = ServeProcess.temporaryDirectory(name)
    let server = ServeProcess(stateDirectory: directory, arguments: ["--no-gateway", "--no-controller"])
    try server.start()
    defer { server.stop() }
    let file = { (name: String) in directory.appendingPathComponent(name).path }
    let gateway = Process()
    gateway.executableURL = URL(fileURLWithPath: ServeProcess.binary)
    gateway.arguments = [
      "gateway", "--kubeconfig", server.kubeconfig, "--address", "0.0.0.0", "--port", "0",
      "--tls-cert-file", file("server.crt"), "--tls-key-file", file("server.key"),
    ]
    let output = Pipe()
    gateway.standardError = output
    gateway.standardOutput = FileHandle.nullDevice
    try gateway.run()
    defer {
      gateway.terminate()
      gateway.waitUntilExit()
    }
    try await body(try await announcedPort(output), file)
  }

  /// The port from the gateway's "serving the AI gateway on https://0.0.0.0:PORT" line.
  static func announcedPort(_ pipe: Pipe) async throws -> Int {
    var text = ""
    let deadline = ContinuousClock.now + .seconds(60)
    while ContinuousClock.now < deadline {
      text += String(decoding: pipe.fileHandleForReading.availableData, as: UTF8.self)
      if let range = text.range(of: "on https://0.0.0.0:") {
        let digits = text[range.upperBound...].prefix { $0.isNumber }
        if let port = Int(digits), port > 0 { return port }
      }
      try await Task.sleep(for: .milliseconds(100))
    }
    throw ServeError(message: "the gateway never said where it serves: \(text)")
  }
}
