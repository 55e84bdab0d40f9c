import KubeCore
import NIOCore
import NIOHTTP1

/// One client connection: reads each request whole, routes it on this event loop, and writes the
/// reply — at once, after a simulated generation, or as a proxied instance sends it. Pipelined
/// requests wait their turn here (NIO's pipelining handler would do it too, but it stops and
/// restarts reading around every request, two `epoll_ctl` calls each).
final class GatewayConnection: ChannelInboundHandler, RemovableChannelHandler {
  typealias InboundIn = HTTPServerRequestPart
  typealias OutboundOut = GatewayResponsePart

  let endpoints: GatewayEndpoints
  let upstreams: UpstreamPool
  private var head: HTTPRequestHead?
  private var body: ByteBuffer?
  /// Set when the body passed the limit: the rest is read and dropped, then refused with 413.
  private var tooLarge = false
  /// The request being proxied, told when the client goes away.
  var exchange: ProxyExchange?
  /// Whether a reply is being written; requests read meanwhile wait in `queued`.
  private var answering = false
  private var queued: [ReadRequest] = []
  /// The proxied exchange's deadline (the route's timeout), and the one task per connection that
  /// enforces it: scheduled no later than the deadline, it looks again when it fires, so that a
  /// request of a kept-alive connection mostly moves a number rather than scheduling and
  /// cancelling a task of its own (perf: 2% of the proxy's user time went to those timers).
  private var deadline: NIODeadline?
  private var deadlineTask: Scheduled<Void>?
  private var deadlineTaskAt = NIODeadline.distantFuture
  /// The request being answered is a `HEAD`: its reply goes without a body.
  private var headRequest = false
  /// A client that pipelines more than this without reading replies is cut off.
  static let queueLimit = 32

  /// A request read whole.
  private struct ReadRequest {
    var head: HTTPRequestHead
    var body: [UInt8]
    var tooLarge: Bool
  }

  init(endpoints: GatewayEndpoints, upstreams: UpstreamPool) {
    self.endpoints = endpoints
    self.upstreams = upstreams
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    switch unwrapInboundIn(data) {
    case .head(let head):
      self.head = head
      body = nil
      tooLarge = false
    case .body(var chunk):
      guard !tooLarge else { return }
      if (body?.readableBytes ?? 0) + chunk.readableBytes > RequestHandler.bodyLimit {
        tooLarge = true
        body = nil
      } else if body == nil {
        body = chunk
      } else {
        body!.writeBuffer(&chunk)
      }
    case .end:
      guard let head else { return }
      let request = ReadRequest(head: head, body: body.map { Array(buffer: $0) } ?? [], tooLarge: tooLarge)
      self.head = nil
      body = nil
      guard answering else {
        answering = true
        return respond(to: request, context: context)
      }
      guard queued.count < Self.queueLimit else { return context.close(promise: nil) }
      queued.append(request)
    }
  }

  /// Malformed requests and heads over the limit never get here: `ExchangeObserver` answers them
  /// (400, 431) in turn and closes the connection; the deadlines are its `ConnectionWatch`'s.
  func errorCaught(context: ChannelHandlerContext, error: any Error) {
    context.close(promise: nil)
  }

  /// The reply in progress has ended: the next queued request's turn.
  private func answered(_ context: ChannelHandlerContext) {
    exchange = nil
    answering = false
    guard !queued.isEmpty, context.channel.isActive else { return }
    answering = true
    respond(to: queued.removeFirst(), context: context)
  }

  func channelInactive(context: ChannelHandlerContext) {
    exchange?.clientClosed()
    exchange = nil
    deadline = nil
    deadlineTask?.cancel()
    deadlineTask = nil
    context.fireChannelInactive()
  }

  private func respond(to request: ReadRequest, context: ChannelHandlerContext) {
    let (head, body) = (request.head, request.body)
    headRequest = head.method == .HEAD
    let keepAlive = head.isKeepAlive
    let target = GatewayEndpoints.target(method: head.method.rawValue, uri: head.uri)
    switch target {
    case .completion(let endpoint):
      let requestID = head.headers.first(name: "x-request-id")
      guard !request.tooLarge else {
        let refusal = GatewayError.tooLarge(limit: RequestHandler.bodyLimit)
        return write(.error(refusal, requestID: requestID ?? RequestHandler.mintID()), keepAlive, context)
      }
      let authorization = head.headers.first(name: "authorization")
      withSnapshot(context) { snapshot in
        let routing = self.endpoints.handler.route(
          endpoint, authorization: authorization, requestID: requestID, body: body, snapshot: snapshot)
        self.serve(routing, keepAlive, context)
      }
    case .models: answerLater(keepAlive, context) { [endpoints] in await endpoints.models() }
    case .metrics: answerLater(keepAlive, context) { [endpoints] in await endpoints.metrics() }
    case .health:
      write(
        .bytes(status: 200, headers: [("content-type", "text/plain")], body: .init(string: "ok")), keepAlive, context)
    case .wrongMethod, .notFound:
      write(GatewayEndpoints.refusal(target, method: head.method.rawValue, uri: head.uri), keepAlive, context)
    }
  }

  /// The exchange in progress times out `seconds` from now.
  func startDeadline(in seconds: Int, _ context: ChannelHandlerContext) {
    let at = NIODeadline.now() + .seconds(Int64(seconds))
    deadline = at
    guard deadlineTask == nil || deadlineTaskAt > at else { return }
    deadlineTask?.cancel()
    scheduleDeadline(at, context)
  }

  /// The exchange in progress needs no deadline any more; the task, if any, finds none.
  func clearDeadline() { deadline = nil }

  private func scheduleDeadline(_ at: NIODeadline, _ context: ChannelHandlerContext) {
    deadlineTaskAt = at
    deadlineTask = context.eventLoop.assumeIsolated().scheduleTask(deadline: at) {
      self.deadlineTask = nil
      guard let deadline = self.deadline else { return }
      guard deadline <= .now() else { return self.scheduleDeadline(deadline, context) }
      self.deadline = nil
      self.exchange?.timedOut()
    }
  }

  /// Runs `body` with the routing snapshot: at once when it is current, else once rebuilt.
  private func withSnapshot(_ context: ChannelHandlerContext, _ body: @escaping (RoutingSnapshot) -> Void) {
    if let snapshot = endpoints.handler.view.currentSnapshot() { return body(snapshot) }
    let view = endpoints.handler.view
    context.eventLoop.makeFutureWithTask { await view.snapshot() }.assumeIsolated().whenSuccess(body)
  }

  private func serve(_ routing: RequestHandler.Routing, _ keepAlive: Bool, _ context: ChannelHandlerContext) {
    switch routing {
    case .reply(let reply):
      write(reply, keepAlive, context)
    case .generate(let admitted, let instance, let cacheKey):
      answerLater(keepAlive, context) { [handler = endpoints.handler] in
        await handler.generate(admitted, on: instance, cacheKey: cacheKey)
      }
    case .proxy(let admitted, let instance, let timeout):
      let exchange = ProxyExchange(
        admitted: admitted, instance: instance, timeout: timeout, handler: endpoints.handler, upstreams: upstreams,
        client: self, context: context, keepAlive: keepAlive)
      self.exchange = exchange
      exchange.start()
    }
  }

  private func answerLater(
    _ keepAlive: Bool, _ context: ChannelHandlerContext, _ work: @escaping @Sendable () async -> GatewayReply
  ) {
    context.eventLoop.makeFutureWithTask(work).assumeIsolated().whenSuccess { reply in
      self.write(reply, keepAlive, context)
    }
  }

  /// Writes a whole reply, or starts relaying a stream.
  func write(_ reply: GatewayReply, _ keepAlive: Bool, _ context: ChannelHandlerContext) {
    switch reply {
    case .json(let status, let body, let headers):
      let bytes = ByteBuffer(bytes: body.serialized())
      writeWhole(status: status, headers: [("content-type", "application/json")] + headers, bytes, keepAlive, context)
    case .bytes(let status, let headers, let body):
      writeWhole(status: status, headers: headers, body, keepAlive, context)
    case .stream(let status, let headers, let events):
      writeStreamHead(status: status, headers: headers, keepAlive, context)
      let channel = context.channel
      let connection = NIOLoopBound((self, context), eventLoop: context.eventLoop)
      Task {
        for await event in events {
          do {
            try await channel.writeAndFlush(GatewayResponsePart.chunk(ByteBuffer(bytes: event)))
          } catch {
            return  // the client is gone; dropping the stream stops its producer
          }
        }
        connection.eventLoop.execute { connection.value.0.writeEnd(keepAlive, connection.value.1) }
      }
    }
  }

  /// A whole reply, head and body in one write; the exchange is over.
  func writeWhole(
    status: Int, headers: [(String, String)], _ body: ByteBuffer, _ keepAlive: Bool, _ context: ChannelHandlerContext
  ) {
    let head = GatewayResponseHead(status: status, headers: headers, keepAlive: keepAlive, omitBody: headRequest)
    finish(.whole(head, body), keepAlive, context)
  }

  /// The head of a streamed reply, written now and flushed with the first chunk.
  func writeStreamHead(status: Int, headers: [(String, String)], _ keepAlive: Bool, _ context: ChannelHandlerContext) {
    let head = GatewayResponseHead(status: status, headers: headers, keepAlive: keepAlive, omitBody: headRequest)
    context.write(wrapOutboundOut(.streamHead(head)), promise: nil)
  }

  func writeBody(_ chunk: ByteBuffer, _ context: ChannelHandlerContext) {
    context.writeAndFlush(wrapOutboundOut(.chunk(chunk)), promise: nil)
  }

  func writeEnd(_ keepAlive: Bool, _ context: ChannelHandlerContext) {
    finish(.end, keepAlive, context)
  }

  /// Writes the last part of a reply: the next request's turn, or the connection closes.
  private func finish(_ last: GatewayResponsePart, _ keepAlive: Bool, _ context: ChannelHandlerContext) {
    guard keepAlive else {
      let channel = context.channel
      exchange = nil
      queued = []
      context.writeAndFlush(wrapOutboundOut(last)).whenComplete { _ in channel.close(promise: nil) }
      return
    }
    context.writeAndFlush(wrapOutboundOut(last), promise: nil)
    answered(context)
  }
}
