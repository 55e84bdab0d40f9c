import AsyncHTTPClient
import Foundation
import KubeCore
import NIOCore
import NIOHTTP1
import NIOSSL

/// The HTTP methods of the Kubernetes API.
public enum HTTPVerb: String, Sendable {
  case GET, POST, PUT, PATCH, DELETE
}

/// A connection to one API server: TLS and credentials from a `ClusterConfiguration`, a
/// client-side rate limit, a retry after 401 with fresh credentials and after 429 as `Retry-After`
/// asks. Every non-success answer becomes a `KubeError`.
public final class KubeClient: Sendable {
  /// What this client was built from.
  public let configuration: ClusterConfiguration
  private let http: HTTPClient
  private let base: String
  private let baseTLS: TLSConfiguration
  private let credentials: CredentialSource
  /// Fixed credentials skip the actor: one hop less on every request.
  private let fixedCredentials: RequestCredentials?
  /// nil when the limit is too high to matter.
  private let limiter: RequestRateLimiter?
  /// How many times a 429 is retried before it is handed to the caller.
  static let tooManyRequestsRetries = 3

  /// A client for `configuration`; throws when its TLS material cannot be used.
  public init(configuration: ClusterConfiguration) throws {
    self.configuration = configuration
    baseTLS = try Self.tlsConfiguration(configuration.tls, clientCertificate: nil)
    var settings = HTTPClient.Configuration(tlsConfiguration: baseTLS)
    settings.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 256
    settings.timeout = .init(connect: .seconds(10))
    // An untrusted certificate or a refused connection is reported at once rather than retried
    // silently until the connect timeout; callers that want to retry (informers) back off themselves.
    settings.connectionPool.retryConnectionEstablishment = false
    var base = configuration.server
    // AsyncHTTPClient verifies the certificate against the URL's host; to verify against
    // `tls-server-name` instead, ask for that name and resolve it to the real host.
    if let name = configuration.tls.serverName, var components = URLComponents(string: base),
      let host = components.host
    {
      settings.dnsOverride[name] = host
      components.host = name
      base = components.string ?? base
    }
    http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: settings)
    self.base = base
    credentials = CredentialSource(
      credentials: configuration.credentials, server: configuration.server, tls: configuration.tls)
    limiter =
      configuration.rateLimit.queriesPerSecond >= RateLimit.unlimited.queriesPerSecond
      ? nil : RequestRateLimiter(configuration.rateLimit)
    switch configuration.credentials {
    case .none: fixedCredentials = RequestCredentials()
    case .token(let token): fixedCredentials = RequestCredentials(authorization: "Bearer \(token)")
    case .tokenFile, .exec: fixedCredentials = nil
    }
  }

  /// A client for a kubeconfig file's current (or named) context.
  public convenience init(kubeconfig path: String, context: String? = nil) throws {
    try self.init(configuration: try Kubeconfig.load(explicitPath: path).configuration(context: context))
  }

  /// Closes the connections.
  public func shutdown() async throws { try await http.shutdown() }

  deinit {
    // A client dropped without `shutdown()` (an error path) would trap in AsyncHTTPClient's own
    // deinit and take the process down. The task keeps the HTTP client alive until it is closed;
    // after a proper shutdown the second one only fails, quietly.
    let http = self.http
    Task.detached { try? await http.shutdown() }
  }

  /// Sends a request and returns the status code and the whole body, whatever the status.
  public func send(
    _ method: HTTPVerb, _ path: String, body: [UInt8]? = nil, contentType: String = "application/json",
    accept: String = "application/json", timeout: Duration = .seconds(60)
  ) async throws -> (status: Int, body: [UInt8]) {
    let response = try await execute(
      method, path, body: body, contentType: contentType, accept: accept, timeout: timeout)
    do {
      let bytes = try await response.body.collect(upTo: 512 * 1024 * 1024)
      return (Int(response.status.code), Array(buffer: bytes))
    } catch {
      throw KubeError.transport("\(method.rawValue) \(path): \(error)")
    }
  }

  /// Sends a JSON request; a non-2xx answer throws the matching `KubeError`.
  public func json(
    _ method: HTTPVerb, _ path: String, body: JSONValue? = nil, contentType: String = "application/json",
    accept: String = "application/json"
  ) async throws -> JSONValue {
    let (status, bytes) = try await send(
      method, path, body: body?.serialized(), contentType: contentType, accept: accept)
    guard (200..<300).contains(status) else { throw Self.error(status: status, body: bytes, retryAfter: nil) }
    do {
      return try JSONParser.parse(bytes)
    } catch {
      throw KubeError.decoding("\(method.rawValue) \(path): \(error)")
    }
  }

  /// Opens a streaming GET (a followed log, say) and yields the body's chunks as they arrive,
  /// unsplit; a non-200 answer throws its `KubeError` before any chunk.
  public func byteStream(_ path: String, accept: String = "*/*") async throws -> AsyncThrowingStream<
    [UInt8], any Error
  > {
    let body = try await streamingBody(path, accept: accept)
    return AsyncThrowingStream { continuation in
      let task = Task {
        do {
          for try await chunk in body { continuation.yield(Array(buffer: chunk)) }
          continuation.finish()
        } catch {
          continuation.finish(throwing: KubeError.transport("stream \(path): \(error)"))
        }
      }
      continuation.onTermination = { _ in task.cancel() }
    }
  }

  /// Opens a streaming GET (a watch or a followed log) and yields each line as it arrives.
  public func lines(_ path: String, accept: String = "application/json") async throws -> AsyncThrowingStream<
    [UInt8], any Error
  > {
    let body = try await streamingBody(path, accept: accept)
    return AsyncThrowingStream { continuation in
      let task = Task {
        var pending: [UInt8] = []
        do {
          for try await chunk in body {
            pending.append(contentsOf: chunk.readableBytesView)
            var start = 0
            while let newline = pending[start...].firstIndex(of: UInt8(ascii: "\n")) {
              continuation.yield(Array(pending[start..<newline]))
              start = newline + 1
            }
            pending.removeFirst(start)
          }
          continuation.finish()
        } catch {
          continuation.finish(throwing: KubeError.transport("stream \(path): \(error)"))
        }
      }
      continuation.onTermination = { _ in task.cancel() }
    }
  }

  private func streamingBody(_ path: String, accept: String) async throws -> HTTPClientResponse.Body {
    let response = try await execute(
      .GET, path, body: nil, contentType: "application/json", accept: accept, timeout: .seconds(86_400))
    guard response.status.code == 200 else {
      let bytes = (try? await response.body.collect(upTo: 1 << 20)).map { Array(buffer: $0) } ?? []
      throw Self.error(status: Int(response.status.code), body: bytes, retryAfter: Self.retryAfter(response.headers))
    }
    return response.body
  }

  /// Sends with the rate limit and credentials, retrying once after a 401 when credentials can be
  /// refreshed and after each 429 that says when to come back.
  private func execute(
    _ method: HTTPVerb, _ path: String, body: [UInt8]?, contentType: String, accept: String, timeout: Duration
  ) async throws -> HTTPClientResponse {
    var refreshed = false
    var throttled = 0
    while true {
      try await limiter?.acquire()
      let presented: RequestCredentials
      if let fixedCredentials { presented = fixedCredentials } else { presented = try await credentials.current() }
      let request = try request(method, path, body: body, contentType: contentType, accept: accept, presented)
      let response: HTTPClientResponse
      do {
        response = try await http.execute(request, timeout: TimeAmount(timeout))
      } catch {
        throw KubeError.transport("\(method.rawValue) \(path): \(error)")
      }
      if response.status == .unauthorized, !refreshed, await credentials.invalidate() {
        refreshed = true
        continue
      }
      if response.status == .tooManyRequests, throttled < Self.tooManyRequestsRetries,
        let seconds = Self.retryAfter(response.headers)
      {
        throttled += 1
        _ = try? await response.body.collect(upTo: 1 << 20)
        try await Task.sleep(for: .seconds(min(seconds, 30)))
        continue
      }
      if response.status == .tooManyRequests {
        let bytes = (try? await response.body.collect(upTo: 1 << 20)).map { Array(buffer: $0) } ?? []
        throw Self.error(status: 429, body: bytes, retryAfter: Self.retryAfter(response.headers))
      }
      return response
    }
  }

  private func request(
    _ method: HTTPVerb, _ path: String, body: [UInt8]?, contentType: String, accept: String,
    _ presented: RequestCredentials
  ) throws -> HTTPClientRequest {
    var request = HTTPClientRequest(url: base + path)
    request.method = .RAW(value: method.rawValue)
    request.headers.add(name: "Accept", value: accept)
    request.headers.add(name: "User-Agent", value: configuration.userAgent)
    if let authorization = presented.authorization { request.headers.add(name: "Authorization", value: authorization) }
    if let certificate = presented.clientCertificate {
      request.tlsConfiguration = try Self.tlsConfiguration(configuration.tls, clientCertificate: certificate)
    }
    if let body {
      request.headers.add(name: "Content-Type", value: contentType)
      request.body = .bytes(ByteBuffer(bytes: body))
    }
    return request
  }

  static func tlsConfiguration(_ tls: TLSSettings, clientCertificate: (certificate: [UInt8], key: [UInt8])?) throws
    -> TLSConfiguration
  {
    var configuration = TLSConfiguration.makeClientConfiguration()
    // A server busy streaming a watch may never answer our close_notify; waiting the default 5 s
    // for it would only delay the client's shutdown.
    configuration.shutdownTimeout = .milliseconds(250)
    if let pem = tls.certificateAuthorityPEM {
      configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(pem))
    }
    if tls.insecureSkipVerify { configuration.certificateVerification = .none }
    let certificate =
      clientCertificate ?? tls.clientCertificatePEM.flatMap { pem in tls.clientKeyPEM.map { (pem, $0) } }
    if let certificate {
      configuration.certificateChain = try NIOSSLCertificate.fromPEMBytes(certificate.0).map { .certificate($0) }
      configuration.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: certificate.1, format: .pem))
    }
    return configuration
  }

  static func error(status: Int, body: [UInt8], retryAfter: Int?) -> KubeError {
    let value = try? JSONParser.parse(body)
    let status =
      value.flatMap { StatusError(status: $0) }
      ?? StatusError(
        code: status,
        reason: HTTPResponseStatus(statusCode: status).reasonPhrase.replacingOccurrences(of: " ", with: ""),
        message: String(decoding: body.prefix(2048), as: UTF8.self))
    return KubeError(status: status, retryAfter: retryAfter)
  }

  static func retryAfter(_ headers: HTTPHeaders) -> Int? {
    headers.first(name: "Retry-After").flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
  }
}
