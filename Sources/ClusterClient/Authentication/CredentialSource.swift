import Foundation

/// What one request presents: an `Authorization` header and, from an exec plugin, maybe a client
/// certificate that replaces the kubeconfig's.
struct RequestCredentials: Sendable {
  var authorization: String?
  var clientCertificate: (certificate: [UInt8], key: [UInt8])?
}

/// Hands out credentials for requests and refreshes them: token files are re-read as they rotate,
/// exec plugin answers are cached until they expire and re-run after a 401.
actor CredentialSource {
  private let credentials: Credentials
  private let server: String
  private let tls: TLSSettings
  private var cached: (value: RequestCredentials, validUntil: Date?)?
  private var pending: Task<(value: RequestCredentials, validUntil: Date?), any Error>?
  /// client-go re-reads token files once a minute; bound service-account tokens rotate hourly.
  static let tokenFileRefresh: TimeInterval = 60
  /// Refresh a plugin's answer this long before it expires, so a request never carries a dead token.
  static let expiryMargin: TimeInterval = 10

  init(credentials: Credentials, server: String, tls: TLSSettings) {
    self.credentials = credentials
    self.server = server
    self.tls = tls
  }

  /// The credentials to send now.
  func current() async throws -> RequestCredentials {
    if let cached, cached.validUntil.map({ $0 > Date() }) ?? true { return cached.value }
    if let pending { return try await pending.value.value }
    let task = Task { try await fetch() }
    pending = task
    defer { pending = nil }
    let fresh = try await task.value
    cached = fresh
    return fresh.value
  }

  /// Forgets what was cached after the server answered 401; true when fetching again may help.
  func invalidate() -> Bool {
    switch credentials {
    case .none, .token: return false
    case .tokenFile, .exec:
      cached = nil
      return true
    }
  }

  private func fetch() async throws -> (value: RequestCredentials, validUntil: Date?) {
    switch credentials {
    case .none: return (RequestCredentials(), nil)
    case .token(let token): return (RequestCredentials(authorization: "Bearer \(token)"), nil)
    case .tokenFile(let path):
      let token = try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
      return (RequestCredentials(authorization: "Bearer \(token)"), Date().addingTimeInterval(Self.tokenFileRefresh))
    case .exec(let configuration):
      let answer = try await ExecCredentialPlugin(configuration: configuration, server: server, tls: tls).run()
      var value = RequestCredentials(authorization: answer.token.map { "Bearer \($0)" })
      if let certificate = answer.clientCertificatePEM, let key = answer.clientKeyPEM {
        value.clientCertificate = (certificate, key)
      }
      return (value, answer.expiration.map { $0.addingTimeInterval(-Self.expiryMargin) })
    }
  }
}
