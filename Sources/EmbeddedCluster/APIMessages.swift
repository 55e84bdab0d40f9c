import KubeCore

/// An HTTP request as the API handlers see it, independent of the HTTP server that carried it.
struct APIRequest: Sendable {
  var method: String
  var path: String
  var query: [String: String] = [:]
  var accept: String = "application/json"
  var contentType: String = "application/json"
  var bearerToken: String?
  /// The verified client certificate's identity, when the client authenticated with one.
  var certificate: CertificateIdentity?
  /// The client's `User-Agent`, which tells one client from another that shares a credential.
  var userAgent: String?
  var body: [UInt8] = []

  /// A query parameter, treating an empty value like an absent one.
  func parameter(_ name: String) -> String? {
    guard let value = query[name], !value.isEmpty else { return nil }
    return value
  }

  /// Whether a boolean query parameter is set (`true` or `1`).
  func flag(_ name: String) -> Bool {
    guard let value = query[name] else { return false }
    return value == "true" || value == "1"
  }
}

/// An answer: either a whole body, or a stream the server writes frame by frame until it ends.
struct APIResponse: Sendable {
  /// How the body is produced.
  enum Body: Sendable {
    case bytes([UInt8])
    case stream(@Sendable (inout any FrameWriter) async throws -> Void)
  }

  var status: Int
  var contentType = "application/json"
  var headers: [(String, String)] = []
  var body: Body

  /// A JSON answer.
  static func json(_ value: JSONValue, status: Int = 200) -> APIResponse {
    APIResponse(status: status, body: .bytes(value.serialized()))
  }

  /// A `Status` answer for an error.
  static func error(_ error: StatusError) -> APIResponse {
    APIResponse(status: error.code, body: .bytes(error.status.serialized()))
  }

  /// The whole body, for answers that are not streams (tests and logging).
  var bodyBytes: [UInt8] {
    if case .bytes(let bytes) = body { return bytes }
    return []
  }
}

/// Where a streaming answer writes its frames (watch events, followed logs); each write is flushed.
protocol FrameWriter {
  /// Writes one frame to the client.
  mutating func write(_ bytes: [UInt8]) async throws
}
