import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import KubeCore
import Logging
import NIOCore
import NIOSSL

/// The gateway's HTTP server: the OpenAI endpoints, `/v1/models`, and `/metrics` with the
/// gateway's and the simulated fleet's metrics.
public struct GatewayServer: Sendable {
  let handler: RequestHandler
  let view: ClusterView
  let host: String
  let port: Int
  /// HTTPS with this configuration; nil serves plain HTTP (loopback only, see `GatewayListener`).
  let tls: TLSConfiguration?
  /// The Prometheus text of every metric the gateway serves.
  let exposition: @Sendable () async -> [UInt8]
  let logger: Logger

  public init(
    handler: RequestHandler, view: ClusterView, host: String, port: Int, tls: TLSConfiguration? = nil,
    exposition: @escaping @Sendable () async -> [UInt8], logger: Logger
  ) {
    self.handler = handler
    self.view = view
    self.host = host
    self.port = port
    self.tls = tls
    self.exposition = exposition
    self.logger = logger
  }

  /// Serves until cancelled or shut down; `onListening` gets the bound port.
  public func run(onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
    let router = Router()
    for endpoint in [InferenceRequest.Endpoint.chat, .completion] {
      router.post(RouterPath(endpoint.rawValue)) { request, _ in try await self.complete(endpoint, request) }
    }
    router.get("v1/models") { _, _ in try await self.models() }
    router.get("metrics") { _, _ in
      Response(
        status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
        body: .init(byteBuffer: ByteBuffer(bytes: await exposition())))
    }
    router.get("healthz") { _, _ in "ok" }
    let server: HTTPServerBuilder = try tls.map { try .tls(.http1(), tlsConfiguration: $0) } ?? .http1()
    let application = Application(
      router: router, server: server, configuration: .init(address: .hostname(host, port: port), serverName: nil),
      onServerRunning: { channel in await onListening(channel.localAddress?.port ?? port) }, logger: logger)
    try await application.runService()
  }

  private func complete(_ endpoint: InferenceRequest.Endpoint, _ request: Request) async throws -> Response {
    let requestID = request.headers[HTTPField.Name("x-request-id")!]
    var body: [UInt8]
    do {
      body = Array(buffer: try await request.body.collect(upTo: RequestHandler.bodyLimit))
    } catch {
      let refusal = GatewayError.tooLarge(limit: RequestHandler.bodyLimit)
      return Self.response(.error(refusal, requestID: requestID ?? RequestHandler.mintID()))
    }
    let reply = await handler.handle(
      endpoint, authorization: request.headers[.authorization], requestID: requestID, body: body)
    body = []
    return Self.response(reply)
  }

  private func models() async throws -> Response {
    let routes = await view.snapshot().routes
    let models = Set(routes.map(\.spec.model)).sorted()
    let body: JSONValue = [
      "object": "list",
      "data": .array(models.map { ["id": .string($0), "object": "model", "owned_by": "aiconsole", "created": 0] }),
    ]
    return Self.response(.json(status: 200, body: body, headers: []))
  }

  static func response(_ reply: GatewayReply) -> Response {
    switch reply {
    case .json(let status, let body, let headers):
      var fields = HTTPFields()
      fields[.contentType] = "application/json"
      for (name, value) in headers { if let name = HTTPField.Name(name) { fields[name] = value } }
      return Response(
        status: HTTPResponse.Status(code: status), headers: fields,
        body: .init(byteBuffer: ByteBuffer(bytes: body.serialized())))
    case .bytes(let status, let headers, let body):
      var fields = HTTPFields()
      for (name, value) in headers { if let name = HTTPField.Name(name) { fields[name] = value } }
      return Response(status: HTTPResponse.Status(code: status), headers: fields, body: .init(byteBuffer: body))
    case .stream(let status, let headers, let events):
      var fields = HTTPFields()
      for (name, value) in headers { if let name = HTTPField.Name(name) { fields[name] = value } }
      return Response(
        status: HTTPResponse.Status(code: status), headers: fields,
        body: ResponseBody(asyncSequence: events.map { ByteBuffer(bytes: $0) }))
    }
  }
}
