import HTTPTypes
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import NIOHTTPTypes
import NIOSSL
import ServingLimits

/// Hummingbird's HTTPS child channel with the connection limits kube-apiserver gets from Go's
/// server: each accepted connection is admitted by the `ConnectionGuard` (or closed at once),
/// watched for its handshake, header and idle deadlines, and a head over `maxHeaderBytes` is
/// answered 431 and the connection closed.
struct GuardedHTTPChannel<Base: ServerChildChannel>: ServerChildChannel {
  typealias Value = Base.Value
  let base: Base
  let connections: ConnectionGuard
  let tls: Bool

  /// kube-apiserver's `MaxHeaderBytes` (1 MiB) with the 4 KiB Go reads past it before refusing.
  static var maxHeaderBytes: Int { (1 << 20) + 4096 }

  func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
    let watch: ConnectionWatch
    do {
      guard let admitted = try connections.watch(channel, tls: tls) else {
        return channel.eventLoop.makeFailedFuture(ConnectionRefused())
      }
      watch = admitted
    } catch {
      channel.close(promise: nil)
      return channel.eventLoop.makeFailedFuture(error)
    }
    return base.setup(channel: channel, logger: logger).assumeIsolated().flatMapThrowing { value in
      // After HTTP1ToHTTPServerCodec (it sees HTTPTypes parts), before Hummingbird's own state.
      let operations = channel.pipeline.syncOperations
      let state = try operations.handler(type: HTTPConnectionStateHandler.self)
      let observer = ExchangeObserver<HTTPTypesParts>(watch: watch, headerLimit: Self.maxHeaderBytes)
      try operations.addHandler(observer, position: .before(state))
      return value
    }.nonisolated()
  }

  /// Handles the connection on its own event loop (see `EventLoopTaskExecutor`).
  func handle(value: Value, logger: Logger) async {
    await withTaskExecutorPreference(EventLoopTaskExecutor(value.channel.eventLoop)) {
      await base.handle(value: value, logger: logger)
    }
  }
}

extension HTTPServerBuilder {
  /// HTTP/1.1 over TLS, guarded by `connections`, with decoder limits that let through every
  /// head up to `GuardedHTTPChannel.maxHeaderBytes` and refuse with 431 past it.
  static func guardedTLS(tlsConfiguration: TLSConfiguration, connections: ConnectionGuard) -> HTTPServerBuilder {
    .init { responder in
      let limits = HeadSize.decoderLimits(GuardedHTTPChannel<HTTP1Channel>.maxHeaderBytes)
      let decoder = HTTP1Channel.Configuration.DecoderConfiguration(
        maxHeaderFieldSize: limits.maxHeaderFieldSize, maxHeaderListSize: limits.maxHeaderListSize,
        maxHeaderFieldCount: limits.maxHeaderFieldCount)
      let http = HTTP1Channel(responder: responder, configuration: .init(httpDecoderConfiguration: decoder))
      return GuardedHTTPChannel(
        base: try TLSChannel(http, tlsConfiguration: tlsConfiguration), connections: connections, tls: true)
    }
  }
}

/// swift-http-types' parts, as Hummingbird's pipeline has them after `HTTP1ToHTTPServerCodec`
/// (which moves `Host` into the request's authority).
enum HTTPTypesParts: HTTPExchangeParts {
  static func headSize(_ part: HTTPRequestPart) -> Int? {
    guard case .head(let request) = part else { return nil }
    var size = request.method.rawValue.utf8.count + 1 + (request.path ?? "").utf8.count + " HTTP/1.1\r\n".utf8.count + 2
    if let authority = request.authority { size += HeadSize.line(name: "Host", value: authority) }
    for field in request.headerFields { size += HeadSize.line(name: field.name.rawName, value: field.value) }
    return size
  }

  static func isEnd(_ part: HTTPResponsePart) -> Bool {
    if case .end = part { return true }
    return false
  }

  static func closesConnection(_ part: HTTPResponsePart) -> Bool {
    guard case .head(let response) = part else { return false }
    return response.headerFields[.connection]?.lowercased() == "close"
  }

  static func refusal(status: Int, reason: String) -> [HTTPResponsePart] {
    let body = "\(status) \(reason)"
    var fields = HTTPFields()
    fields[.contentType] = "text/plain; charset=utf-8"
    fields[.connection] = "close"
    fields[.contentLength] = String(body.utf8.count)
    let head = HTTPResponse(status: .init(code: status, reasonPhrase: reason), headerFields: fields)
    return [.head(head), .body(ByteBuffer(string: body)), .end(nil)]
  }
}
