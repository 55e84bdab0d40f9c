import Foundation
import NIOCore
import NIOHTTP1

/// One request proxied to a real instance's OpenAI-compatible server (the `kubernetes` runtime's
/// Pods), on its client connection's event loop: the client's body as it came, the request ID,
/// no credentials. A stream of server-sent events passes through chunk by chunk as the instance
/// writes it; a whole reply is checked to be JSON before it is passed on; the usage is read on
/// the way. Within the route's timeout the instance must answer (and, for a whole reply, finish).
final class ProxyExchange {
  private enum Phase {
    case connecting
    case awaitingHead
    case collecting
    case streaming
    case done
  }

  let admitted: RequestHandler.Admitted
  let instance: ServingInstance
  let timeout: Int
  let handler: RequestHandler
  let upstreams: UpstreamPool
  let client: GatewayConnection
  let context: ChannelHandlerContext
  let keepAlive: Bool

  private var phase = Phase.connecting
  private var upstream: UpstreamPool.Connection?
  private var upstreamKeepAlive = true
  private var status = 0
  private var contentType = "application/json"
  private var body: ByteBuffer?
  /// Streaming: what came in the instance's current read, sent on to the client at its end.
  private var relayed: ByteBuffer?
  private var sniffer = UsageSniffer(streaming: false)
  private var firstByte: Duration?
  private let sent = ContinuousClock.now

  init(
    admitted: RequestHandler.Admitted, instance: ServingInstance, timeout: Int, handler: RequestHandler,
    upstreams: UpstreamPool, client: GatewayConnection, context: ChannelHandlerContext, keepAlive: Bool
  ) {
    self.admitted = admitted
    self.instance = instance
    self.timeout = timeout
    self.handler = handler
    self.upstreams = upstreams
    self.client = client
    self.context = context
    self.keepAlive = keepAlive
  }

  private var address: UpstreamPool.Address { .init(host: instance.podIP, port: instance.port) }

  func start() {
    handler.proxied.begin(instance.pod)
    client.startDeadline(in: timeout, context)
    connect(mayRetry: true)
  }

  /// Sends the request on a pooled connection; a reused one that turns out closed is replaced
  /// once by a fresh one, as nothing of the request can have reached the instance.
  private func connect(mayRetry: Bool) {
    if let connection = upstreams.reusable(to: address) { return send(on: connection, reused: mayRetry) }
    upstreams.connect(address).assumeIsolated().whenComplete { result in
      guard self.phase == .connecting else {
        if case .success(let channel) = result { channel.close(promise: nil) }
        return
      }
      switch result {
      case .success(let channel):
        guard let handler = try? channel.pipeline.syncOperations.handler(type: UpstreamHandler.self) else {
          channel.close(promise: nil)
          return self.fail(self.unreachable(ChannelError.ioOnClosedChannel))
        }
        self.send(on: UpstreamPool.Connection(channel: channel, handler: handler), reused: false)
      case .failure(let error): self.fail(self.unreachable(error))
      }
    }
  }

  private func send(on connection: UpstreamPool.Connection, reused: Bool) {
    let channel = connection.channel
    guard channel.isActive else {
      channel.close(promise: nil)
      return reused ? connect(mayRetry: false) : fail(unreachable(ChannelError.ioOnClosedChannel))
    }
    upstream = connection
    connection.handler.exchange = self
    phase = .awaitingHead
    connection.handler.decoder.requestSent()
    channel.writeAndFlush(request(channel.allocator), promise: nil)
  }

  /// The request to the instance, head and body in one buffer: the client's body unchanged, the
  /// request ID, no credentials.
  private func request(_ allocator: ByteBufferAllocator) -> ByteBuffer {
    let request = admitted.request
    var buffer = allocator.buffer(capacity: 192 + admitted.body.count)
    buffer.writeStaticString("POST ")
    buffer.writeString(request.endpoint.rawValue)
    buffer.writeStaticString(" HTTP/1.1\r\nhost: ")
    buffer.writeString(instance.podIP)
    buffer.writeStaticString(":")
    buffer.writeString(String(instance.port))
    buffer.writeStaticString("\r\ncontent-type: application/json\r\ncontent-length: ")
    buffer.writeString(String(admitted.body.count))
    if GatewayResponseEncoder.isSafe(request.requestID) {
      buffer.writeStaticString("\r\nx-request-id: ")
      buffer.writeString(request.requestID)
    }
    buffer.writeStaticString("\r\n\r\n")
    buffer.writeBytes(admitted.body)
    return buffer
  }

  /// A part of the instance's reply.
  func received(_ part: HTTPClientResponsePart) {
    switch (part, phase) {
    case (.head(let head), .awaitingHead):
      status = Int(head.status.code)
      upstreamKeepAlive = head.isKeepAlive
      contentType = head.headers.first(name: "content-type") ?? "application/json"
      guard contentType.hasPrefix("text/event-stream") else {
        phase = .collecting
        return
      }
      // Headers go to the client now, and the timeout ends: a stream may run long.
      phase = .streaming
      sniffer = UsageSniffer(streaming: true)
      client.clearDeadline()
      client.writeStreamHead(status: status, headers: replyHeaders, keepAlive, context)
      context.flush()
    case (.body(let chunk), .collecting):
      if body == nil { body = chunk } else { var chunk = chunk; body!.writeBuffer(&chunk) }
      if (body?.readableBytes ?? 0) > UsageSniffer.bound {
        fail(brokenReply("its reply is larger than \(UsageSniffer.bound >> 20) MiB"))
      }
    case (.body(var chunk), .streaming):
      if firstByte == nil { firstByte = ContinuousClock.now - sent }
      sniffer.feed(chunk)
      if relayed == nil { relayed = chunk } else { relayed!.writeBuffer(&chunk) }
    case (.end, .collecting):
      finishWhole()
    case (.end, .streaming):
      relay()
      release()
      finishStream()
    default:
      break
    }
  }

  /// The instance's read has ended: what it brought goes to the client in one write, as nginx
  /// relays a read (the decoder hands over each SSE chunk apart, and a write and flush each made
  /// a system call per chunk).
  func readComplete() {
    guard phase == .streaming else { return }
    relay()
  }

  private func relay() {
    guard let chunk = relayed else { return }
    relayed = nil
    client.writeBody(chunk, context)
  }

  private var replyHeaders: [(String, String)] {
    [
      ("content-type", contentType), ("x-request-id", admitted.request.requestID),
      RequestHandler.backendHeader(instance),
    ]
  }

  private func finishWhole() {
    release()
    let body = self.body ?? ByteBuffer()
    let first = body.readableBytesView.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
    if (200..<300).contains(status), first != UInt8(ascii: "{") {
      let start = String(decoding: body.readableBytesView.prefix(60), as: UTF8.self)
      return fail(
        GatewayError(
          status: 502, type: "server_error", code: "upstream_invalid_reply",
          message: "instance \(instance.pod) answered \(status) with a body that is not JSON: \"\(start)\""))
    }
    sniffer.finish(whole: body)
    end()
    handler.finished(
      admitted, instance: instance, prompt: sniffer.promptTokens, completion: sniffer.completionTokens,
      firstToken: ContinuousClock.now - sent, status: status)
    client.writeWhole(status: status, headers: replyHeaders, body, keepAlive, context)
  }

  private func finishStream() {
    sniffer.finish()
    end()
    handler.finished(
      admitted, instance: instance, prompt: sniffer.promptTokens, completion: sniffer.completionTokens,
      firstToken: firstByte, status: status)
    client.writeEnd(keepAlive, context)
  }

  /// The upstream connection closed before its reply ended.
  func upstreamClosed() {
    upstream = nil
    switch phase {
    case .awaitingHead: fail(brokenReply("it closed the connection before answering"))
    case .collecting: fail(brokenReply("it closed the connection mid-reply"))
    case .streaming:  // the client gets what came
      relay()
      finishStream()
    case .connecting, .done: break
    }
  }

  /// The client hung up: the instance's connection is dropped, as its reply has nowhere to go.
  func clientClosed() {
    guard phase != .done else { return }
    closeUpstream()
    end()
    var record = admitted.record(
      status: 499, instance: instance, prompt: sniffer.promptTokens, completion: sniffer.completionTokens)
    record.reason = "client_closed"
    handler.record(record)
  }

  /// The route's timeout passed (the client connection's timer tells).
  func timedOut() {
    guard phase != .done, phase != .streaming else { return }
    fail(GatewayError.timeout(seconds: timeout))
  }

  /// Answers the client with `error`, unless the reply has begun (then the client's connection
  /// just ends), and drops the instance's connection.
  private func fail(_ error: GatewayError) {
    guard phase != .done else { return }
    let streaming = phase == .streaming
    closeUpstream()
    end()
    let reply = handler.fail(error, admitted, instance: instance)
    if streaming {
      client.writeEnd(false, context)
    } else {
      client.write(reply, keepAlive, context)
    }
  }

  private func unreachable(_ error: any Error) -> GatewayError {
    GatewayError(
      status: 502, type: "server_error", code: "upstream_unreachable",
      message: "instance \(instance.pod) at \(instance.podIP):\(instance.port) did not answer: \(error)")
  }

  private func brokenReply(_ why: String) -> GatewayError {
    GatewayError(
      status: 502, type: "server_error", code: "upstream_broken_reply",
      message: "instance \(instance.pod) broke off its reply: \(why)")
  }

  /// Returns a connection whose exchange ended cleanly to the pool.
  private func release() {
    guard let upstream else { return }
    upstream.handler.exchange = nil
    if upstreamKeepAlive { upstreams.release(upstream, to: address) } else { upstream.channel.close(promise: nil) }
    self.upstream = nil
  }

  private func closeUpstream() {
    guard let upstream else { return }
    upstream.handler.exchange = nil
    upstream.channel.close(promise: nil)
    self.upstream = nil
  }

  /// The exchange is over: its timer stops and the instance's in-flight count drops.
  private func end() {
    guard phase != .done else { return }
    phase = .done
    client.clearDeadline()
    handler.proxied.end(instance.pod)
  }
}
