import ClusterTestSupport
import EmbeddedCluster
import Foundation
import Testing

@testable import ConsoleApp

/// Which port the embedded gateway binds: the one asked for, else the last start's while it is
/// free (as the API server keeps its port), else any free one.
@Suite struct EmbeddedGatewayServiceTests {
  static func service(port: Int, remembered: Int?) -> EmbeddedGatewayService {
    EmbeddedGatewayService(
      ready: AsyncStream { $0.finish() }, address: "127.0.0.1", port: port, rememberedPort: remembered)
  }

  /// A socket listening on `port` of 127.0.0.1, as another program holding it; close it after.
  static func listen(on port: Int) throws -> Int32 {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
      }
    }
    guard bound, Foundation.listen(descriptor, 1) == 0 else {
      close(descriptor)
      throw CocoaError(.fileWriteUnknown)
    }
    return descriptor
  }

  @Test("a restart binds the gateway's last port while it is free, and any free port once another program holds it")
  func keepsItsPortWhileFree() throws {
    let port = try FreePort.find()
    #expect(Self.service(port: 0, remembered: port).chosenPort == port)
    let holder = try Self.listen(on: port)
    defer { close(holder) }
    #expect(Self.service(port: 0, remembered: port).chosenPort == 0)
  }

  @Test("--gateway-port wins over the last start's port, and a first start picks any free one")
  func askedPortWins() throws {
    let port = try FreePort.find()
    #expect(Self.service(port: 18_080, remembered: port).chosenPort == 18_080)
    #expect(Self.service(port: 0, remembered: nil).chosenPort == 0)
  }
}
