import NIOCore

/// First in a connection's pipeline, before TLS: tells the connection's watch that bytes came
/// (the first byte of a request starts its header deadline) and stops the watch when the
/// connection closes.
public final class InboundActivityHandler: ChannelInboundHandler, RemovableChannelHandler {
  public typealias InboundIn = ByteBuffer
  public typealias InboundOut = ByteBuffer

  /// The watch this handler feeds, which the HTTP-level `ExchangeObserver` feeds too.
  public let watch: ConnectionWatch

  init(watch: ConnectionWatch) { self.watch = watch }

  public func handlerAdded(context: ChannelHandlerContext) { watch.schedule() }

  public func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    watch.update { timer, now in timer.bytesRead(now: now) }
    context.fireChannelRead(data)
  }

  public func channelInactive(context: ChannelHandlerContext) {
    watch.stop()
    context.fireChannelInactive()
  }

  public func handlerRemoved(context: ChannelHandlerContext) { watch.stop() }
}

@available(*, unavailable)
extension InboundActivityHandler: Sendable {}

extension ConnectionGuard {
  /// Admits `channel` and puts the activity handler first in its pipeline; nil (and the channel
  /// closed) when refused. Call on the channel's event loop, in its initializer.
  public func watch(_ channel: any Channel, tls: Bool) throws -> ConnectionWatch? {
    let client = channel.remoteAddress?.ipAddress ?? "unknown"
    guard admit(channel, client: client) == nil else {
      channel.close(promise: nil)
      return nil
    }
    let watch = ConnectionWatch(channel: channel, tls: tls, connections: self)
    try channel.pipeline.syncOperations.addHandler(InboundActivityHandler(watch: watch), position: .first)
    return watch
  }
}

/// Thrown from a channel initializer for a connection the guard refused (and closed).
public struct ConnectionRefused: Error, Sendable {
  public init() {}
}
