import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTLS
import KubeCore
import NIOCore
import NIOSSL

/// Carries HTTP requests from Hummingbird to the `APIServer` and its answers back, including
/// streaming watch and log bodies and the 413 for bodies over 3 MiB.
struct APIResponder: HTTPResponder {
  typealias Context = BasicRequestContext
  let server: APIServer
  let accessLog: AccessLog

  func respond(to request: Request, context: Context) async throws -> Response {
    var incoming = request
    let body: ByteBuffer
    do {
      body = try await incoming.collectBody(upTo: APIServer.maxBodyBytes)
    } catch {
      let tooLarge = StatusError(
        code: 413, reason: "RequestEntityTooLarge",
        message: "Request entity too large: limit is \(APIServer.maxBodyBytes)")
      return Self.response(.error(tooLarge))
    }
    let apiRequest = APIRequest(
      method: request.method.rawValue, path: request.uri.path, query: Self.query(request),
      accept: request.headers[.accept] ?? "application/json",
      contentType: request.headers[.contentType] ?? "application/json",
      bearerToken: Self.bearerToken(request.headers[.authorization]), body: Array(buffer: body))
    let start = ContinuousClock.now
    let answer = await server.handle(apiRequest)
    accessLog.record(apiRequest, status: answer.status, latency: ContinuousClock.now - start)
    return Self.response(answer)
  }

  private static func query(_ request: Request) -> [String: String] {
    var result: [String: String] = [:]
    for (key, value) in request.uri.queryParameters { result[String(key)] = String(value) }
    return result
  }

  private static func bearerToken(_ header: String?) -> String? {
    guard let header, header.lowercased().hasPrefix("bearer ") else { return nil }
    return String(header.dropFirst(7)).trimmingSpaces
  }

  static func response(_ answer: APIResponse) -> Response {
    var headers = HTTPFields()
    headers[.contentType] = answer.contentType
    headers[.cacheControl] = "no-cache, private"
    for (name, value) in answer.headers {
      if let field = HTTPField.Name(name) { headers.append(HTTPField(name: field, value: value)) }
    }
    let status = HTTPResponse.Status(code: answer.status)
    switch answer.body {
    case .bytes(let bytes):
      return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    case .stream(let produce):
      return Response(
        status: status, headers: headers,
        body: ResponseBody { writer in
          var frames: any FrameWriter = BodyFrameWriter(inner: writer)
          try await produce(&frames)
          try await writer.finish(nil)
        })
    }
  }
}

/// Writes frames straight to Hummingbird's body writer, each flushed as it is written.
struct BodyFrameWriter: FrameWriter {
  var inner: any ResponseBodyWriter

  mutating func write(_ bytes: [UInt8]) async throws {
    try await inner.write(ByteBuffer(bytes: bytes))
  }
}

extension ServingCredentials {
  /// The NIOSSL server configuration for these credentials.
  func tlsConfiguration() throws -> TLSConfiguration {
    let certificate = try NIOSSLCertificate(bytes: Array(serverCertificatePEM.utf8), format: .pem)
    let key = try NIOSSLPrivateKey(bytes: Array(serverKeyPEM.utf8), format: .pem)
    var configuration = TLSConfiguration.makeServerConfiguration(
      certificateChain: [.certificate(certificate)], privateKey: .privateKey(key))
    configuration.applicationProtocols = ["http/1.1"]
    return configuration
  }
}
