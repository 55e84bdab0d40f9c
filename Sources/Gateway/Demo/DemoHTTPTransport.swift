import AsyncHTTPClient
import KubeCore
import NIOCore

/// Demo requests over HTTP to the gateway at `baseURL`, each answer read to its end (a stream
/// included, as a client would). Its own client, with a connection pool wide enough for a burst
/// to reach the gateway at once; `shutdown` before dropping it.
public struct DemoHTTPTransport: DemoTransport {
  let baseURL: String
  let client: HTTPClient
  let timeout: TimeAmount

  public init(baseURL: String, concurrency: Int = 64, timeout: Duration = .seconds(60)) {
    var configuration = HTTPClient.Configuration()
    configuration.connectionPool = .init(
      idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: concurrency)
    self.baseURL = baseURL
    client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    self.timeout = .nanoseconds(Int64(timeout.seconds * 1e9))
  }

  public func send(_ request: DemoRequest) async throws -> Int {
    var http = HTTPClientRequest(url: baseURL + request.endpoint.rawValue)
    http.method = .POST
    http.headers.add(name: "content-type", value: "application/json")
    for (name, value) in request.headers { http.headers.add(name: name, value: value) }
    http.body = .bytes(ByteBuffer(bytes: request.body.serialized()))
    let response = try await client.execute(http, timeout: timeout)
    for try await _ in response.body {}
    return Int(response.status.code)
  }

  /// Closes the connections.
  public func shutdown() async throws { try await client.shutdown() }
}
