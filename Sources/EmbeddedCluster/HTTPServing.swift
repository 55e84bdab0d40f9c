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
  typealias Context = ConnectionRequestContext
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
    let token = Self.bearerToken(request.headers[.authorization])
    var apiRequest = APIRequest(
      method: request.method.rawValue, path: request.uri.path, query: Self.query(request),
      accept: request.headers[.accept] ?? "application/json",
      contentType: request.headers[.contentType] ?? "application/json",
      bearerToken: token, body: Array(buffer: body))
    if token == nil { apiRequest.certificate = await Self.certificateIdentity(context.channel) }
    apiRequest.userAgent = request.headers[.userAgent]
    let start = ContinuousClock.now
    let answer = await server.handle(apiRequest)
    accessLog.record(apiRequest, status: answer.status, latency: ContinuousClock.now - start)
    return Self.response(answer)
  }

  /// The identity of the client certificate TLS verified on this connection, if one was sent.
  private static func certificateIdentity(_ channel: any Channel) async -> CertificateIdentity? {
    guard let certificate = try? await channel.nioSSL_peerCertificate().get(),
      let der = try? certificate.toDERBytes()
    else { return nil }
    return CertificateIdentity(der: der)
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

/// A request context that keeps the connection, whose TLS session names the client certificate.
struct ConnectionRequestContext: RequestContext {
  var coreContext: CoreRequestContextStorage
  let channel: any Channel

  init(source: ApplicationRequestContextSource) {
    coreContext = .init(source: source)
    channel = source.channel
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
    // As kube-apiserver's secure serving: TLS 1.0 and 1.1 are refused (POODLE, BEAST, RC4).
    configuration.minimumTLSVersion = .tlsv12
    // Token clients send no certificate; one that is sent must chain to this CA.
    configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(caCertificatePEM.utf8)))
    configuration.certificateVerification = .optionalVerification
    return configuration
  }
}
