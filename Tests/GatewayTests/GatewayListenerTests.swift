import Foundation
import Testing

@testable import Gateway

/// Plain HTTP stays on loopback; any other address needs a certificate and key.
@Suite struct GatewayListenerTests {
  @Test func loopbackMayServePlainHTTP() throws {
    for host in ["127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost"] {
      let listener = try GatewayListener(host: host, certificateFile: nil, keyFile: nil)
      #expect(listener.scheme == "http", "\(host)")
    }
  }

  @Test func anyOtherAddressNeedsTLS() {
    for host in ["0.0.0.0", "::", "10.0.0.7", "gateway.example.com"] {
      #expect(throws: GatewayListener.Refusal.self, "\(host)") {
        try GatewayListener(host: host, certificateFile: nil, keyFile: nil)
      }
    }
    do {
      _ = try GatewayListener(host: "0.0.0.0", certificateFile: nil, keyFile: nil)
    } catch {
      #expect("\(error)".contains("serving on 0.0.0.0 needs --tls-cert-file and --tls-key-file"))
    }
  }

  @Test func halfAPairOrUnreadableFilesAreRefusedByName() throws {
    #expect(throws: GatewayListener.Refusal.self) {
      try GatewayListener(host: "0.0.0.0", certificateFile: "/tmp/cert.pem", keyFile: nil)
    }
    let garbage = FileManager.default.temporaryDirectory.appendingPathComponent("not-a-cert-\(getpid()).pem")
    try "hello".write(to: garbage, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: garbage) }
    do {
      _ = try GatewayListener(host: "0.0.0.0", certificateFile: garbage.path, keyFile: garbage.path)
      Issue.record("a file that is no certificate was accepted")
    } catch {
      #expect("\(error)".contains("cannot use \(garbage.path)"))
    }
  }
}
