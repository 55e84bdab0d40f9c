import ClusterTestSupport
import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import NIOTLS
import Synchronization

/// One TLS connection to a loopback port that sends exactly the bytes a test gives it, and
/// records what comes back, whether the handshake finished, and when the server closed it.
final class TLSProbe: Sendable {
  let channel: any Channel
  private let record: Recorder

  /// Connects with TLS between `minimum` and `maximum`, trusting any certificate (the tests look
  /// at the server's behaviour, not its identity).
  static func connect(
    port: Int, minimum: TLSVersion = .tlsv12, maximum: TLSVersion? = nil
  ) async throws -> TLSProbe {
    var configuration = TLSConfiguration.makeClientConfiguration()
    configuration.certificateVerification = .none
    configuration.minimumTLSVersion = minimum
    configuration.maximumTLSVersion = maximum
    let context = try NIOSSLContext(configuration: configuration)
    let record = Recorder()
    let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
      .channelInitializer { channel in
        channel.eventLoop.makeCompletedFuture {
          try channel.pipeline.syncOperations.addHandler(try NIOSSLClientHandler(context: context, serverHostname: nil))
          try channel.pipeline.syncOperations.addHandler(RecordingHandler(record: record))
        }
      }
      .connect(host: "127.0.0.1", port: port).get()
    return TLSProbe(channel: channel, record: record)
  }

  private init(channel: any Channel, record: Recorder) {
    self.channel = channel
    self.record = record
  }

  /// Sends `text` and flushes it.
  func send(_ text: String) async throws {
    try await channel.writeAndFlush(ByteBuffer(string: text))
  }

  /// Sends `bytes` and flushes them.
  func send(bytes: [UInt8]) async throws {
    try await channel.writeAndFlush(ByteBuffer(bytes: bytes))
  }

  /// Everything received so far.
  var received: String { record.state.withLock { $0.received } }

  /// Whether the handshake finished; nil while it is under way; false when it failed.
  var handshake: Bool? { record.state.withLock { $0.handshake } }

  /// Whether the server (or an error) closed the connection.
  var isClosed: Bool { !channel.isActive }

  /// Waits until `condition` holds or `limit` passes; true if it held.
  func wait(upTo limit: Duration, until condition: @Sendable (TLSProbe) -> Bool) async -> Bool {
    await Polling.until(upTo: limit) { condition(self) }
  }

  func close() { channel.close(promise: nil) }

  final class Recorder: Sendable {
    struct State {
      var received = ""
      var handshake: Bool?
    }
    let state = Mutex(State())
  }

  private final class RecordingHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    let record: Recorder
    init(record: Recorder) { self.record = record }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
      let text = String(buffer: unwrapInboundIn(data))
      record.state.withLock { $0.received += text }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
      if case .handshakeCompleted? = event as? TLSUserEvent { record.state.withLock { $0.handshake = true } }
      context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
      record.state.withLock { if $0.handshake == nil { $0.handshake = false } }
      context.close(promise: nil)
    }
  }
}
