import AsyncHTTPClient
import Foundation
import KubeCore
import NIOCore

/// Proxies a request to a real instance's OpenAI-compatible server (the `kubernetes` runtime's
/// Pods): the client's body as it came, the request ID, no credentials; the answer passes through
/// chunk by chunk as the instance writes it, streams included, while its usage is read on the way.
struct HTTPUpstream: Sendable {
  let client: HTTPClient

  init(client: HTTPClient = Self.pooled) { self.client = client }

  /// The client every upstream shares, keeping as many connections to an instance as nginx's
  /// `keepalive 64`: with the shared client's 8, a ninth concurrent request waited in the pool
  /// for a free connection and was then started from that connection's event loop. A
  /// process-wide client, never shut down, as `HTTPClient.shared` is.
  static let pooled: HTTPClient = {
    var configuration = HTTPClient.Configuration.singletonConfiguration
    configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 64)
    return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
  }()

  /// Forwards and starts relaying; `finished` gets the usage and time to first byte at the end.
  func forward(
    _ request: InferenceRequest, to instance: ServingInstance, timeout: Int,
    finished:
      @escaping @Sendable (_ status: Int, _ prompt: Int, _ completion: Int, _ firstByte: Duration?) async -> Void
  ) async throws -> GatewayReply {
    let start = ContinuousClock.now
    var upstream = HTTPClientRequest(url: "http://\(instance.podIP):\(instance.port)\(request.endpoint.rawValue)")
    upstream.method = .POST
    upstream.headers.add(name: "content-type", value: "application/json")
    upstream.headers.add(name: "x-request-id", value: request.requestID)
    upstream.body = .bytes(ByteBuffer(bytes: request.body.serialized()))
    let response: HTTPClientResponse
    do {
      response = try await client.execute(upstream, timeout: .seconds(Int64(timeout)))
    } catch let error as HTTPClientError where error == .deadlineExceeded {
      throw GatewayError.timeout(seconds: timeout)
    } catch {
      throw GatewayError(
        status: 502, type: "server_error", code: "upstream_unreachable",
        message: "instance \(instance.pod) at \(instance.podIP):\(instance.port) did not answer: \(error)")
    }
    let status = Int(response.status.code)
    let contentType = response.headers["content-type"].first ?? "application/json"
    let headers = [
      ("content-type", contentType), ("x-request-id", request.requestID), RequestHandler.backendHeader(instance),
    ]
    guard contentType.hasPrefix("text/event-stream") else {
      // A whole reply is complete only at its end anyway: take it in one piece, which spares a
      // relay task per request.
      let body = try await Self.wholeBody(
        of: response, from: instance, status: status, timeout: timeout, deadline: start + .seconds(timeout))
      var sniffer = UsageSniffer(streaming: false)
      sniffer.feed(Array(buffer: body))
      sniffer.finish()
      await finished(status, sniffer.promptTokens, sniffer.completionTokens, ContinuousClock.now - start)
      return .bytes(status: status, headers: headers, body: body)
    }
    let (events, output) = AsyncStream<[UInt8]>.makeStream()
    let relay = Task {
      var sniffer = UsageSniffer(streaming: true)
      var firstByte: Duration?
      do {
        for try await chunk in response.body {
          if firstByte == nil { firstByte = ContinuousClock.now - start }
          let bytes = Array(buffer: chunk)
          sniffer.feed(bytes)
          output.yield(bytes)
        }
      } catch {}  // the instance hung up: the client gets what came
      sniffer.finish()
      output.finish()
      await finished(status, sniffer.promptTokens, sniffer.completionTokens, firstByte)
    }
    output.onTermination = { _ in relay.cancel() }
    return .stream(status: status, headers: headers, events: events)
  }

  /// A whole reply's body, or why it is no reply: cut off, too slow, or — for a success — not the
  /// JSON an OpenAI-compatible server sends (an HTML error page from a proxy, say, or noise).
  private static func wholeBody(
    of response: HTTPClientResponse, from instance: ServingInstance, status: Int, timeout: Int,
    deadline: ContinuousClock.Instant
  ) async throws -> ByteBuffer {
    let body: ByteBuffer
    do {
      // The client's deadline ends with the response head; a body that stalls needs its own.
      let collected = try await withThrowingTaskGroup(of: ByteBuffer?.self) { group in
        group.addTask { try await response.body.collect(upTo: UsageSniffer.bound) }
        group.addTask {
          try await Task.sleep(until: deadline)
          return nil
        }
        defer { group.cancelAll() }
        return try await group.next() ?? nil
      }
      guard let collected else { throw GatewayError.timeout(seconds: timeout) }
      body = collected
    } catch let error as GatewayError {
      throw error
    } catch let error as HTTPClientError where error == .deadlineExceeded {
      throw GatewayError.timeout(seconds: timeout)
    } catch {
      throw GatewayError(
        status: 502, type: "server_error", code: "upstream_broken_reply",
        message: "instance \(instance.pod) broke off its reply: \(error)")
    }
    let first = body.readableBytesView.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
    guard (200..<300).contains(status), first != UInt8(ascii: "{") else { return body }
    let start = String(decoding: body.readableBytesView.prefix(60), as: UTF8.self)
    throw GatewayError(
      status: 502, type: "server_error", code: "upstream_invalid_reply",
      message: "instance \(instance.pod) answered \(status) with a body that is not JSON: \"\(start)\"")
  }
}
