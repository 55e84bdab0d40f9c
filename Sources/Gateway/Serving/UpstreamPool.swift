import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// Kept-alive connections to instances, per event loop: a request's upstream connection lives on
/// its client connection's loop, so relaying never crosses threads. At most `idleLimit` idle
/// connections are kept per instance, as nginx's `keepalive 64`.
final class UpstreamPool {
  struct Address: Hashable {
    var host: String
    var port: Int
  }

  static let idleLimit = 64
  static let connectTimeout = TimeAmount.seconds(10)

  /// A kept-alive connection and the end of its pipeline, kept together so that reusing it
  /// searches no pipeline.
  struct Connection {
    let channel: any Channel
    let handler: UpstreamHandler
  }

  let eventLoop: any EventLoop
  private var idle: [Address: [Connection]] = [:]

  init(eventLoop: any EventLoop) { self.eventLoop = eventLoop }

  /// An idle connection to `address` that is still open, if there is one; it may have been
  /// closed by the instance just now all the same.
  func reusable(to address: Address) -> Connection? {
    while let connection = idle[address]?.popLast() {
      if connection.channel.isActive { return connection }
    }
    return nil
  }

  /// A new connection to `address`.
  func connect(_ address: Address) -> EventLoopFuture<any Channel> {
    ClientBootstrap(group: eventLoop)
      .channelOption(.socketOption(.tcp_nodelay), value: 1)
      .connectTimeout(Self.connectTimeout)
      .channelInitializer { channel in
        channel.eventLoop.makeCompletedFuture {
          let decoder = UpstreamResponseDecoder()
          try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(decoder))
          try channel.pipeline.syncOperations.addHandler(UpstreamHandler(decoder: decoder))
        }
      }
      .connect(host: address.host, port: address.port)
  }

  /// Takes back a connection whose exchange ended cleanly.
  func release(_ connection: Connection, to address: Address) {
    guard connection.channel.isActive, (idle[address]?.count ?? 0) < Self.idleLimit else {
      connection.channel.close(promise: nil)
      return
    }
    idle[address, default: []].append(connection)
  }

  func closeAll() {
    for connection in idle.values.joined() { connection.channel.close(promise: nil) }
    idle = [:]
  }
}

/// One `UpstreamPool` per event loop of the server.
final class UpstreamPools: Sendable {
  private let pools = Mutex<[ObjectIdentifier: NIOLoopBound<UpstreamPool>]>([:])

  /// The pool of `eventLoop`; call on that loop.
  func pool(on eventLoop: any EventLoop) -> UpstreamPool {
    let key = ObjectIdentifier(eventLoop)
    if let pool = pools.withLock({ $0[key] }) { return pool.value }
    let pool = UpstreamPool(eventLoop: eventLoop)
    pools.withLock { $0[key] = NIOLoopBound(pool, eventLoop: eventLoop) }
    return pool
  }

  func closeAll() {
    for pool in pools.withLock({ Array($0.values) }) {
      pool.eventLoop.execute { pool.value.closeAll() }
    }
  }
}

/// The end of an upstream connection's pipeline: hands the instance's reply to the exchange
/// using the connection, and tells it when the connection closes.
final class UpstreamHandler: ChannelInboundHandler, RemovableChannelHandler {
  typealias InboundIn = HTTPClientResponsePart
  typealias OutboundOut = ByteBuffer

  var exchange: ProxyExchange?
  /// The connection's response decoder, told of each request sent.
  let decoder: UpstreamResponseDecoder

  init(decoder: UpstreamResponseDecoder) { self.decoder = decoder }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    exchange?.received(unwrapInboundIn(data))
  }

  func channelReadComplete(context: ChannelHandlerContext) {
    exchange?.readComplete()
    context.fireChannelReadComplete()
  }

  func channelInactive(context: ChannelHandlerContext) {
    let exchange = self.exchange
    self.exchange = nil
    exchange?.upstreamClosed()
    context.fireChannelInactive()
  }

  func errorCaught(context: ChannelHandlerContext, error: any Error) {
    context.close(promise: nil)
  }
}

/// NIO's HTTP response decoder, told of each request by `requestSent()` instead of by watching
/// the pipeline's writes: a request goes out as one buffer the gateway encodes itself (a head,
/// a body and an end each went through NIO's header validator, this decoder and the encoder).
/// Every request the gateway sends is a `POST`, so each response has its body framed by its own
/// fields.
struct UpstreamResponseDecoder: ByteToMessageDecoder {
  typealias InboundOut = HTTPClientResponsePart

  let http = HTTPResponseDecoder(leftOverBytesStrategy: .dropBytes, informationalResponseStrategy: .drop)
  private static let post = HTTPRequestHead(version: .http1_1, method: .POST, uri: "/")

  /// A request is on its way: the next response answers it.
  func requestSent() { http.write(data: .head(Self.post)) }

  func decoderAdded(context: ChannelHandlerContext) { http.decoderAdded(context: context) }

  func decoderRemoved(context: ChannelHandlerContext) { http.decoderRemoved(context: context) }

  mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
    try http.decode(context: context, buffer: &buffer)
  }

  mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws
    -> DecodingState
  {
    try http.decodeLast(context: context, buffer: &buffer, seenEOF: seenEOF)
  }
}
