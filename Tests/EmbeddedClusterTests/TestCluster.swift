import Foundation
import KubeCore

@testable import EmbeddedCluster

/// An in-process API server over a fresh SQLite file, driven through its request handler.
struct TestCluster {
  let server: APIServer
  let directory: URL

  init(
    windowCapacity: Int = 1000, bookmarkInterval: Duration = .seconds(60), watchBuffer: Int = 10_000,
    clientLimit: Int = 200, windowBytes: Int = ObjectStore.defaultWindowByteLimit,
    now: @escaping @Sendable () -> Date = { Date() },
    journal: (String) throws -> any ObjectJournal = { try SQLiteJournal(path: $0) }
  ) async throws {
    directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "aiconsole-test-\(UUID().uuidString.prefix(8))")
    let state = StateDirectory(url: directory)
    try state.prepare()
    let store = try ObjectStore(
      journal: try journal(state.databasePath), windowCapacity: windowCapacity, windowByteLimit: windowBytes
    )
    var server = APIServer(
      store: store, registry: ResourceRegistry(), tokens: AccessTokens(admin: "admin-token", readOnly: "reader-token"),
      podLogs: PodLogStore(directory: state.logsDirectory), logger: .init(label: "test"), now: now)
    server.bookmarkInterval = bookmarkInterval
    server.watchBufferCapacity = watchBuffer
    server.clientLimits = ClientLimits(limit: clientLimit)
    self.server = server
    try await Bootstrap(server: server).run()
  }

  func send(
    _ method: String, _ path: String, query: [String: String] = [:], body: JSONValue? = nil,
    contentType: String = "application/json", accept: String = "application/json", token: String? = "admin-token"
  ) async -> APIResponse {
    let request = APIRequest(
      method: method, path: path, query: query, accept: accept, contentType: contentType, bearerToken: token,
      body: body?.serialized() ?? [])
    return await server.handle(request)
  }

  /// Sends a raw body, authenticated by a token or, without one, by a verified client certificate.
  func send(
    _ method: String, _ path: String, bytes: [UInt8], contentType: String, token: String? = "admin-token",
    certificate: CertificateIdentity? = nil
  ) async -> APIResponse {
    var request = APIRequest(
      method: method, path: path, contentType: contentType, bearerToken: token, body: bytes)
    request.certificate = certificate
    return await server.handle(request)
  }

  /// Sends a request and parses the JSON answer.
  func call(
    _ method: String, _ path: String, query: [String: String] = [:], body: JSONValue? = nil,
    contentType: String = "application/json", accept: String = "application/json", token: String? = "admin-token"
  ) async throws -> (status: Int, value: JSONValue) {
    let response = await send(
      method, path, query: query, body: body, contentType: contentType, accept: accept, token: token)
    return (response.status, try JSONParser.parse(response.bodyBytes))
  }

  /// Runs a streaming answer and hands back its frames as they are written.
  func frames(of response: APIResponse) -> (frames: AsyncStream<JSONValue>, task: Task<Void, any Error>) {
    let (stream, continuation) = AsyncStream.makeStream(of: JSONValue.self)
    guard case .stream(let produce) = response.body else {
      continuation.finish()
      return (stream, Task {})
    }
    let task = Task {
      var writer: any FrameWriter = CollectingWriter(continuation: continuation)
      defer { continuation.finish() }
      try await produce(&writer)
    }
    return (stream, task)
  }

  static func aiCluster(_ name: String, replicas: Int64 = 1, labels: JSONValue = .emptyObject) -> JSONValue {
    [
      "apiVersion": "ai.aiconsole.dev/v1", "kind": "AICluster", "metadata": ["name": .string(name), "labels": labels],
      "spec": [
        "replicas": .int(replicas), "modelName": "llama-3-8b", "modelVersion": "v1", "image": "vllm/vllm-openai:v0.6.0",
      ],
    ]
  }

  static let aiClusters = "/apis/ai.aiconsole.dev/v1/namespaces/default/aiclusters"
}

/// A frame writer that parses each written line into a JSON value.
struct CollectingWriter: FrameWriter {
  let continuation: AsyncStream<JSONValue>.Continuation

  mutating func write(_ bytes: [UInt8]) async throws {
    for line in bytes.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
      continuation.yield((try? JSONParser.parse(Array(line))) ?? .string(String(decoding: line, as: UTF8.self)))
    }
  }
}

extension AsyncStream where Element == JSONValue {
  /// The next `count` frames, or fewer if the stream ends.
  func take(_ count: Int) async -> [JSONValue] {
    var result: [JSONValue] = []
    for await frame in self {
      result.append(frame)
      if result.count == count { break }
    }
    return result
  }
}
