import Foundation

/// Everything needed to reach one API server: where it is, how to trust it, who we are, and how
/// hard we may push it. Built from a kubeconfig context or from a pod's service account.
public struct ClusterConfiguration: Sendable {
  /// The API server URL, without a trailing slash.
  public var server: String
  /// The kubeconfig context's name, or `in-cluster`.
  public var contextName: String
  /// The namespace to use when none is given: `--namespace`, else the context's, else `default`.
  public var namespace: String
  /// Where this came from, for messages and the console header (file paths or `in-cluster`).
  public var source: String
  /// How the server is trusted and how a client certificate is presented.
  public var tls: TLSSettings
  /// The kubeconfig files this came from; nil for an in-cluster configuration or one built in code.
  public var origin: Origin?
  /// How each request is authenticated.
  public var credentials: Credentials
  /// Client-side request rate limit.
  public var rateLimit: RateLimit
  /// The part of aiconsole this client serves (`console`, `controller`, `gateway`, …), sent in
  /// its `User-Agent` as kubectl names itself: the API server tells clients apart by it, in its
  /// access log and in the requests it allows each client in flight.
  public var component = "client"

  /// `aiconsole/1 (linux) <component>`.
  public var userAgent: String { "aiconsole/1 (linux) \(component)" }

  /// The same configuration for `component`.
  public func identified(as component: String) -> ClusterConfiguration {
    var configuration = self
    configuration.component = component
    return configuration
  }

  public init(
    server: String, contextName: String, namespace: String, source: String, tls: TLSSettings = TLSSettings(),
    credentials: Credentials = .none, rateLimit: RateLimit = RateLimit(), origin: Origin? = nil
  ) {
    self.origin = origin
    self.server = server.hasSuffix("/") ? String(server.dropLast()) : server
    self.contextName = contextName
    self.namespace = namespace
    self.source = source
    self.tls = tls
    self.credentials = credentials
    self.rateLimit = rateLimit
  }
}

extension ClusterConfiguration {
  /// Which kubeconfig files a configuration was read from, so that the same merge can be read
  /// again for another context, and what sits beside the file that defines its cluster can be found.
  public struct Origin: Sendable, Equatable {
    /// The files merged, in order.
    public var files: [String]
    /// The file that defines the context's cluster (its server and how it is trusted).
    public var clusterFile: String

    public init(files: [String], clusterFile: String) {
      self.files = files
      self.clusterFile = clusterFile
    }
  }

  /// The current (or named) context of one kubeconfig file.
  public static func load(kubeconfig path: String, context: String? = nil, rateLimit: RateLimit = RateLimit()) throws
    -> ClusterConfiguration
  {
    var configuration = try Kubeconfig.load(explicitPath: path).configuration(context: context)
    configuration.rateLimit = rateLimit
    return configuration
  }
}

/// Server trust and client certificate, already read from files so that a bad file fails at load.
public struct TLSSettings: Sendable, Hashable {
  /// PEM of the CA bundle that signs the server certificate; nil trusts the system roots.
  public var certificateAuthorityPEM: [UInt8]?
  /// Skip server certificate verification (`insecure-skip-tls-verify`).
  public var insecureSkipVerify: Bool
  /// The name to verify the server certificate against (`tls-server-name`) instead of the URL host.
  public var serverName: String?
  /// PEM of the client certificate chain and its key (`client-certificate`, `client-key`).
  public var clientCertificatePEM: [UInt8]?
  public var clientKeyPEM: [UInt8]?

  public init(
    certificateAuthorityPEM: [UInt8]? = nil, insecureSkipVerify: Bool = false, serverName: String? = nil,
    clientCertificatePEM: [UInt8]? = nil, clientKeyPEM: [UInt8]? = nil
  ) {
    self.certificateAuthorityPEM = certificateAuthorityPEM
    self.insecureSkipVerify = insecureSkipVerify
    self.serverName = serverName
    self.clientCertificatePEM = clientCertificatePEM
    self.clientKeyPEM = clientKeyPEM
  }
}

/// How requests prove who sends them.
public enum Credentials: Sendable {
  /// Nothing beyond a client certificate, if any.
  case none
  /// A fixed bearer token.
  case token(String)
  /// A bearer token read from a file and re-read when it may have rotated (service accounts).
  case tokenFile(String)
  /// A credential plugin run as a process (`users[].user.exec`).
  case exec(ExecPluginConfiguration)
}

/// The client-side limit on requests per second, as client-go's token bucket.
public struct RateLimit: Sendable, Hashable {
  public var queriesPerSecond: Double
  public var burst: Int

  /// kubectl's defaults (50 QPS, burst 300) would let an informer storm a small server; 50/100 is
  /// ample for a console and the controller.
  public init(queriesPerSecond: Double = 50, burst: Int = 100) {
    self.queriesPerSecond = queriesPerSecond
    self.burst = burst
  }

  /// No practical limit, for benchmarks and load generators that must not be throttled by the client.
  public static let unlimited = RateLimit(queriesPerSecond: 1_000_000, burst: 1_000_000)
}
