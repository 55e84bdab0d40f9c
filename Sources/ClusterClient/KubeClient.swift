import AsyncHTTPClient
import Foundation
import KubeCore
import NIOCore
import NIOSSL

/// The HTTP methods of the Kubernetes API.
public enum HTTPVerb: String, Sendable {
  case GET, POST, PUT, PATCH, DELETE
}

/// A connection to one API server over HTTPS with a bearer token: raw requests, JSON requests that
/// turn `Status` answers into `StatusError`, and line-framed streams for watches.
public final class KubeClient: Sendable {
  private let http: HTTPClient
  private let base: String
  private let token: String?

  /// A client for a kubeconfig context.
  public init(context: KubeconfigContext) throws {
    var tls = TLSConfiguration.makeClientConfiguration()
    if let pem = context.certificateAuthorityPEM {
      tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(pem.utf8)))
    }
    if context.insecureSkipTLSVerify { tls.certificateVerification = .none }
    var configuration = HTTPClient.Configuration(tlsConfiguration: tls)
    configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 256
    configuration.timeout = .init(connect: .seconds(10))
    http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    base = context.server.hasSuffix("/") ? String(context.server.dropLast()) : context.server
    token = context.token
  }

  /// Closes the connections.
  public func shutdown() async throws { try await http.shutdown() }

  /// Sends a request and returns the status code and the whole body.
  public func send(
    _ method: HTTPVerb, _ path: String, body: [UInt8]? = nil, contentType: String = "application/json",
    accept: String = "application/json"
  ) async throws -> (status: Int, body: [UInt8]) {
    let response = try await http.execute(
      request(method, path, body: body, contentType: contentType, accept: accept), timeout: .seconds(60))
    let bytes = try await response.body.collect(upTo: 512 * 1024 * 1024)
    return (Int(response.status.code), Array(buffer: bytes))
  }

  /// Sends a JSON request; a non-2xx answer throws the server's `StatusError`.
  public func json(_ method: HTTPVerb, _ path: String, body: JSONValue? = nil, contentType: String = "application/json")
    async throws -> JSONValue
  {
    let (status, bytes) = try await send(method, path, body: body?.serialized(), contentType: contentType)
    let value = try JSONParser.parse(bytes)
    guard (200..<300).contains(status) else {
      throw StatusError(status: value)
        ?? StatusError(code: status, reason: "Unknown", message: String(decoding: bytes, as: UTF8.self))
    }
    return value
  }

  /// Opens a streaming GET (a followed log, say) and yields the body's chunks as they arrive,
  /// unsplit; a non-200 answer throws the server's `StatusError` before any chunk.
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
          continuation.finish(throwing: error)
        }
      }
      continuation.onTermination = { _ in task.cancel() }
    }
  }

  private func streamingBody(_ path: String, accept: String) async throws -> HTTPClientResponse.Body {
    let response = try await http.execute(
      request(.GET, path, body: nil, contentType: "application/json", accept: accept), timeout: .hours(24))
    guard response.status.code == 200 else {
      let bytes = try await response.body.collect(upTo: 1 << 20)
      let value = (try? JSONParser.parse(Array(buffer: bytes))) ?? .null
      throw StatusError(status: value) ?? StatusError(code: Int(response.status.code), reason: "Unknown", message: "")
    }
    return response.body
  }

  /// Opens a streaming GET (a watch or a followed log) and yields each line as it arrives.
  public func lines(_ path: String) async throws -> AsyncThrowingStream<[UInt8], any Error> {
    let body = try await streamingBody(path, accept: "application/json")
    return AsyncThrowingStream { continuation in
      let task = Task {
        var pending: [UInt8] = []
        do {
          for try await chunk in body {
            pending.append(contentsOf: chunk.readableBytesView)
            while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
              continuation.yield(Array(pending[..<newline]))
              pending.removeSubrange(...newline)
            }
          }
          continuation.finish()
        } catch {
          continuation.finish(throwing: error)
        }
      }
      continuation.onTermination = { _ in task.cancel() }
    }
  }

  private func request(_ method: HTTPVerb, _ path: String, body: [UInt8]?, contentType: String, accept: String)
    -> HTTPClientRequest
  {
    var request = HTTPClientRequest(url: base + path)
    request.method = .RAW(value: method.rawValue)
    request.headers.add(name: "Accept", value: accept)
    if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
    if let body {
      request.headers.add(name: "Content-Type", value: contentType)
      request.body = .bytes(ByteBuffer(bytes: body))
    }
    return request
  }
}
