import Foundation
import KubeCore
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import ServingLimits
import Synchronization

/// The gateway's HTTP server: the OpenAI endpoints, `/v1/models`, and `/metrics` with the
/// gateway's and the simulated fleet's metrics.
///
/// Plain SwiftNIO, as a proxy is built: a request is read, admitted and routed on its
/// connection's event loop, and a proxied one goes out on a kept-alive connection of the same
/// loop, so that the common path crosses no thread and awaits no actor.
public struct GatewayServer: Sendable {
  let handler: RequestHandler
  let host: String
  let port: Int
  /// HTTPS with this configuration; nil serves plain HTTP (loopback only, see `GatewayListener`).
  let tls: TLSConfiguration?
  /// The Prometheus text of every metric the gateway serves.
  let exposition: @Sendable () async -> [UInt8]
  let logger: Logger
  /// Connection caps and deadlines: TLS handshake, request head, and idle between requests (a
  /// client connection that sends nothing for 75 s while no reply is owed is closed, as nginx's
  /// `keepalive_timeout` does); without them idle connections would pile up until the process
  /// runs out of descriptors.
  public var limits = ConnectionLimits.gateway {
    didSet { admission = ConnectionGuard(limits: limits, logger: logger) }
  }
  /// Admits each client connection under `limits`.
  private(set) var admission: ConnectionGuard
  /// The idle deadline of `limits`.
  var idleTimeout: TimeAmount {
    get {
      let (seconds, attoseconds) = limits.deadlines.idle.components
      return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
    set { limits.deadlines.idle = .nanoseconds(newValue.nanoseconds) }
  }
  /// The documented limit on a request head (docs/gateway.md), every line counted as sent: nginx's
  /// `large_client_header_buffers` spirit, and NIO's default field limit. Past it: 431.
  static let maxHeaderBytes = 80 * 1024

  public init(
    handler: RequestHandler, host: String, port: Int, tls: TLSConfiguration? = nil,
    exposition: @escaping @Sendable () async -> [UInt8], logger: Logger
  ) {
    self.handler = handler
    self.host = host
    self.port = port
    self.tls = tls
    self.exposition = exposition
    self.logger = logger
    admission = ConnectionGuard(limits: limits, logger: logger)
  }

  /// Serves until cancelled; `onListening` gets the bound port.
  public func run(onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
    let sslContext = try tls.map { try NIOSSLContext(configuration: $0) }
    let endpoints = GatewayEndpoints(handler: handler, exposition: exposition)
    let connections = OpenChannels()
    let upstreams = UpstreamPools()
    let guarded = admission
    let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
      .serverChannelOption(.backlog, value: 256)
      .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
      .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
      .childChannelInitializer { channel in
        channel.eventLoop.makeCompletedFuture {
          guard let watch = try guarded.watch(channel, tls: sslContext != nil) else { throw ConnectionRefused() }
          let pipeline = channel.pipeline.syncOperations
          if let sslContext { try pipeline.addHandler(NIOSSLServerHandler(context: sslContext)) }
          // Both pipelining and protocol errors are the connection's: NIO's handlers would pause
          // reading around every request, and answer a malformed request out of turn.
          // Replies are encoded by the gateway's own encoder, a whole reply as one part and one
          // buffer (`GatewayResponseEncoder`).
          try pipeline.addHandler(GatewayResponseEncoder())
          try pipeline.addHandler(
            ByteToMessageHandler(
              HTTPRequestDecoder(
                leftOverBytesStrategy: .dropBytes, informationalResponseStrategy: .drop,
                limitConfiguration: HeadSize.decoderLimits(Self.maxHeaderBytes))))
          try pipeline.addHandler(ExchangeObserver<GatewayParts>(watch: watch, headerLimit: Self.maxHeaderBytes))
          try pipeline.addHandler(
            GatewayConnection(endpoints: endpoints, upstreams: upstreams.pool(on: channel.eventLoop)))
          connections.insert(channel)
        }
      }
      .bind(host: host, port: port).get()
    logger.info("gateway listening on \(host):\(channel.localAddress?.port ?? port)")
    await onListening(channel.localAddress?.port ?? port)
    await withTaskCancellationHandler {
      try? await channel.closeFuture.get()
    } onCancel: {
      channel.close(promise: nil)
    }
    connections.closeAll()
    upstreams.closeAll()
  }
}

/// The accepted connections still open, so that stopping the server closes them too.
final class OpenChannels: Sendable {
  private let channels = Mutex<[ObjectIdentifier: any Channel]>([:])

  func insert(_ channel: any Channel) {
    let key = ObjectIdentifier(channel)
    channels.withLock { $0[key] = channel }
    channel.closeFuture.whenComplete { _ in _ = self.channels.withLock { $0.removeValue(forKey: key) } }
  }

  func closeAll() {
    for channel in channels.withLock({ Array($0.values) }) { channel.close(promise: nil) }
  }
}
