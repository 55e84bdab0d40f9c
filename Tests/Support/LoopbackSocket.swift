import Foundation

/// A blocking TCP connection to a loopback port, for tests that speak HTTP by hand: pipelined
/// requests, bytes that are not HTTP, connections left idle.
public final class LoopbackSocket {
  public struct Failure: Error, CustomStringConvertible {
    public var description: String
  }

  let descriptor: Int32

  /// Connects; each read waits at most `timeout` seconds.
  public init(port: Int, timeout: Int = 20) throws {
    guard let descriptor = Self.connect(port: port) else {
      throw Failure(description: "cannot connect to 127.0.0.1:\(port)")
    }
    self.descriptor = descriptor
    var limit = timeval(tv_sec: timeout, tv_usec: 0)
    setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
  }

  /// A socket connected to 127.0.0.1:`port`; nil when it cannot connect (refused, or out of descriptors).
  public static func connect(port: Int) -> Int32? {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { return nil }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = UInt16(port).bigEndian
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        Foundation.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard connected == 0 else {
      close(descriptor)
      return nil
    }
    return descriptor
  }

  /// Writes `text` whole.
  public func send(_ text: String) throws {
    let bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
      let written = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress!, $0.count) }
      guard written > 0 else { throw Failure(description: "write failed") }
      offset += written
    }
  }

  /// What one read returns: empty once the server has closed; throws when the wait runs out.
  public func read() throws -> String {
    var buffer = [UInt8](repeating: 0, count: 65536)
    let count = buffer.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress!, $0.count) }
    guard count >= 0 else { throw Failure(description: "nothing read within the timeout") }
    return String(decoding: buffer[..<count], as: UTF8.self)
  }

  /// Everything until the server closes the connection (or a read times out).
  public func readToEnd() -> String {
    var received = ""
    while let chunk = try? read(), !chunk.isEmpty { received += chunk }
    return received
  }

  deinit { close(descriptor) }
}
