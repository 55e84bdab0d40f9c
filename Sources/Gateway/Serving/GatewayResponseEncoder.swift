import NIOCore
import NIOHTTP1
import ServingLimits

/// A reply's head as the gateway writes it: the status, the fields, and what framing needs.
struct GatewayResponseHead: Sendable {
  var status: Int
  var headers: [(String, String)]
  /// False adds `connection: close`.
  var keepAlive: Bool
  /// The request was a `HEAD`: the fields as for a `GET`, without the body.
  var omitBody = false
}

/// What the gateway writes to a client connection. A whole reply is one part, so it crosses the
/// pipeline once and leaves in one buffer: with NIO's parts a head, a body and an end each went
/// through the connection's observer, the header validator and the encoder, the head built as
/// `HTTPHeaders` first (a tenth of the proxy's user time, by perf).
enum GatewayResponsePart: Sendable {
  /// A reply whose body is known: head, `content-length` and body together.
  case whole(GatewayResponseHead, ByteBuffer)
  /// The head of a streamed reply; the chunks follow with `transfer-encoding: chunked`.
  case streamHead(GatewayResponseHead)
  case chunk(ByteBuffer)
  /// The end of a streamed reply.
  case end
}

/// Encodes `GatewayResponsePart`s as HTTP/1.1, framed as NIO's `HTTPResponseEncoder` frames
/// them: a length for whole replies, chunks for streams, no body for 1xx, 204 and 304 or to a
/// `HEAD`. A field value with CR, LF or NUL is left out rather than sent, as NIO's header
/// validator refuses it, so that no value can split the head.
final class GatewayResponseEncoder: ChannelOutboundHandler, RemovableChannelHandler {
  typealias OutboundIn = GatewayResponsePart
  typealias OutboundOut = ByteBuffer

  /// Whether the stream being written sends chunks (not to a `HEAD`, not a bodiless status).
  private var chunked = false

  func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
    switch unwrapOutboundIn(data) {
    case .whole(let head, let body):
      let hasBody = Self.mayHaveBody(head.status)
      var buffer = context.channel.allocator.buffer(capacity: 160 + (hasBody ? body.readableBytes : 0))
      Self.writeHead(head, into: &buffer)
      if hasBody { buffer.writeFramingField("content-length: ", String(body.readableBytes)) }
      buffer.writeStaticString("\r\n")
      if hasBody, !head.omitBody { buffer.writeImmutableBuffer(body) }
      context.write(wrapOutboundOut(buffer), promise: promise)
    case .streamHead(let head):
      chunked = Self.mayHaveBody(head.status) && !head.omitBody
      var buffer = context.channel.allocator.buffer(capacity: 192)
      Self.writeHead(head, into: &buffer)
      if Self.mayHaveBody(head.status) { buffer.writeStaticString("transfer-encoding: chunked\r\n") }
      buffer.writeStaticString("\r\n")
      context.write(wrapOutboundOut(buffer), promise: promise)
    case .chunk(let chunk):
      guard chunked, chunk.readableBytes > 0 else {
        promise?.succeed()
        return
      }
      var buffer = context.channel.allocator.buffer(capacity: chunk.readableBytes + 16)
      buffer.writeString(String(chunk.readableBytes, radix: 16))
      buffer.writeStaticString("\r\n")
      buffer.writeImmutableBuffer(chunk)
      buffer.writeStaticString("\r\n")
      context.write(wrapOutboundOut(buffer), promise: promise)
    case .end:
      guard chunked else {
        // Nothing to send, but a promise must not overtake the writes before it.
        if let promise {
          context.write(wrapOutboundOut(context.channel.allocator.buffer(capacity: 0)), promise: promise)
        }
        return
      }
      chunked = false
      var buffer = context.channel.allocator.buffer(capacity: 5)
      buffer.writeStaticString("0\r\n\r\n")
      context.write(wrapOutboundOut(buffer), promise: promise)
    }
  }

  /// RFC 9112 section 6.3: these never have a body, whatever the fields say.
  static func mayHaveBody(_ status: Int) -> Bool {
    !((100..<200).contains(status) || status == 204 || status == 304)
  }

  /// The status line and the fields, without framing fields and the blank line.
  static func writeHead(_ head: GatewayResponseHead, into buffer: inout ByteBuffer) {
    let status = HTTPResponseStatus(statusCode: head.status)
    buffer.writeStaticString("HTTP/1.1 ")
    buffer.writeString(String(head.status))
    buffer.writeStaticString(" ")
    buffer.writeString(status.reasonPhrase)
    buffer.writeStaticString("\r\n")
    for (name, value) in head.headers where isSafe(name) && isSafe(value) {
      buffer.writeString(name)
      buffer.writeStaticString(": ")
      buffer.writeString(value)
      buffer.writeStaticString("\r\n")
    }
    if !head.keepAlive { buffer.writeStaticString("connection: close\r\n") }
  }

  /// No CR, LF or NUL: nothing that could end a field or the head early.
  static func isSafe(_ text: String) -> Bool {
    !text.utf8.contains { $0 == 0x0D || $0 == 0x0A || $0 == 0 }
  }
}

extension ByteBuffer {
  fileprivate mutating func writeFramingField(_ prefix: StaticString, _ value: String) {
    writeStaticString(prefix)
    writeString(value)
    writeStaticString("\r\n")
  }
}

/// The gateway's parts, as `ExchangeObserver` sees them: NIO's request parts in, the gateway's
/// response parts out.
enum GatewayParts: HTTPExchangeParts {
  static func headSize(_ part: HTTPServerRequestPart) -> Int? { NIOHTTP1Parts.headSize(part) }

  static func isEnd(_ part: GatewayResponsePart) -> Bool {
    switch part {
    case .whole, .end: true
    case .streamHead, .chunk: false
    }
  }

  static func closesConnection(_ part: GatewayResponsePart) -> Bool {
    switch part {
    case .whole(let head, _), .streamHead(let head): !head.keepAlive
    case .chunk, .end: false
    }
  }

  static func refusal(status: Int, reason: String) -> [GatewayResponsePart] {
    let head = GatewayResponseHead(
      status: status, headers: [("content-type", "text/plain; charset=utf-8")], keepAlive: false)
    return [.whole(head, ByteBuffer(string: "\(status) \(reason)"))]
  }
}
