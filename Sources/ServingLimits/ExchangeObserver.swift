import NIOCore
import NIOHTTP1
import NIOTLS

/// What `ExchangeObserver` needs to know of one HTTP codec's parts.
public protocol HTTPExchangeParts {
  associatedtype RequestPart
  associatedtype ResponsePart
  /// The head's size as sent (request line, each header line, the blank line), if `part` is a head.
  static func headSize(_ part: RequestPart) -> Int?
  /// Whether `part` ends a response.
  static func isEnd(_ part: ResponsePart) -> Bool
  /// Whether `part` is a response head saying `Connection: close`.
  static func closesConnection(_ part: ResponsePart) -> Bool
  /// A whole plain-text answer with `status` that closes the connection.
  static func refusal(status: Int, reason: String) -> [ResponsePart]
}

/// Sits after a connection's HTTP decoder: feeds the watch with handshakes, request heads and
/// response ends, and answers what the decoder refuses as Go's server does — a head over
/// `headerLimit` bytes (all lines together) or over the decoder's limits gets
/// `431 Request Header Fields Too Large`, anything else malformed `400 Bad Request` — after the
/// responses owed before it, then closes the connection once the client had time to read it.
/// A half-close from the server (after `Connection: close`) becomes a full close the same way,
/// so no connection waits on its client to hang up.
public final class ExchangeObserver<Parts: HTTPExchangeParts>: ChannelDuplexHandler, RemovableChannelHandler {
  public typealias InboundIn = Parts.RequestPart
  public typealias InboundOut = Parts.RequestPart
  public typealias OutboundIn = Parts.ResponsePart
  public typealias OutboundOut = Parts.ResponsePart

  private let watch: ConnectionWatch
  private let headerLimit: Int
  /// A refusal owed once the responses in flight end.
  private var owed: Int?
  /// The refusal was sent, or a response said `Connection: close`: everything the client sends
  /// now is dropped, as Go's server reads nothing after such a response.
  private var refused = false

  /// An observer feeding `watch`, refusing heads over `headerLimit` bytes.
  public init(watch: ConnectionWatch, headerLimit: Int) {
    self.watch = watch
    self.headerLimit = headerLimit
  }

  public func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    guard !refused, owed == nil else { return }
    if let size = Parts.headSize(unwrapInboundIn(data)) {
      guard size <= headerLimit else { return refuse(431, context) }
      watch.update { timer, _ in timer.headReceived() }
    }
    context.fireChannelRead(data)
  }

  public func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
    let part = unwrapOutboundIn(data)
    if Parts.closesConnection(part) {
      refused = true
      owed = nil
    }
    let ends = Parts.isEnd(part)
    context.write(data, promise: promise)
    guard ends else { return }
    watch.update { timer, now in timer.responseEnded(now: now) }
    if let status = owed, watch.inFlight == 0 { sendRefusal(status, context) }
  }

  public func errorCaught(context: ChannelHandlerContext, error: any Error) {
    guard let parserError = error as? HTTPParserError else { return context.fireErrorCaught(error) }
    guard !refused, owed == nil else { return }
    refuse(parserError == .headerOverflow ? 431 : 400, context)
  }

  public func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
    if case .handshakeCompleted? = event as? TLSUserEvent {
      watch.update { timer, now in timer.handshakeCompleted(now: now) }
    }
    context.fireUserInboundEventTriggered(event)
  }

  public func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
    guard mode == .output else { return context.close(mode: mode, promise: promise) }
    context.flush()
    watch.closeAfterLinger()
    promise?.succeed()
  }

  private func refuse(_ status: Int, _ context: ChannelHandlerContext) {
    guard watch.inFlight == 0 else {
      owed = status
      return
    }
    sendRefusal(status, context)
  }

  private func sendRefusal(_ status: Int, _ context: ChannelHandlerContext) {
    owed = nil
    refused = true
    let reason = status == 431 ? "Request Header Fields Too Large" : "Bad Request"
    for part in Parts.refusal(status: status, reason: reason) { context.write(wrapOutboundOut(part), promise: nil) }
    context.flush()
    watch.closeAfterLinger()
  }
}

@available(*, unavailable)
extension ExchangeObserver: Sendable {}

/// NIOHTTP1's parts, as the gateway's pipeline has them.
public enum NIOHTTP1Parts: HTTPExchangeParts {
  public static func headSize(_ part: HTTPServerRequestPart) -> Int? {
    guard case .head(let head) = part else { return nil }
    let requestLine = head.method.rawValue.utf8.count + 1 + head.uri.utf8.count + " HTTP/1.1\r\n".utf8.count
    return head.headers.reduce(requestLine + 2) { $0 + HeadSize.line(name: $1.name, value: $1.value) }
  }

  public static func isEnd(_ part: HTTPServerResponsePart) -> Bool {
    if case .end = part { return true }
    return false
  }

  public static func closesConnection(_ part: HTTPServerResponsePart) -> Bool {
    guard case .head(let head) = part else { return false }
    return head.headers["connection"].contains { $0.lowercased() == "close" }
  }

  public static func refusal(status: Int, reason: String) -> [HTTPServerResponsePart] {
    let body = "\(status) \(reason)"
    let headers = HTTPHeaders([
      ("content-type", "text/plain; charset=utf-8"), ("connection", "close"),
      ("content-length", String(body.utf8.count)),
    ])
    let head = HTTPResponseHead(version: .http1_1, status: .init(statusCode: status), headers: headers)
    return [.head(head), .body(.byteBuffer(ByteBuffer(string: body))), .end(nil)]
  }
}

/// How a head is measured: each line as sent, `Name: value` and CRLF.
public enum HeadSize {
  /// Bytes of one header line.
  public static func line(name: String, value: String) -> Int { name.utf8.count + 2 + value.utf8.count + 2 }

  /// Decoder limits that let through every head `limit` allows by `HeadSize` and nothing much
  /// bigger: no field or list over `limit`, and no more fields than 4-byte lines (`a:` CRLF) fit.
  public static func decoderLimits(_ limit: Int) -> NIOHTTPDecoderLimitConfiguration {
    var limits = NIOHTTPDecoderLimitConfiguration()
    limits.maxHeaderFieldSize = limit
    limits.maxHeaderListSize = limit
    limits.maxHeaderFieldCount = limit / 4
    return limits
  }
}
