import Foundation
import KubeCore
import NIOSSL

/// The kubeconfig files in effect, merged by kubectl's rules: for clusters, users and contexts the
/// first file to name an entry wins, and so does the first file that sets `current-context`.
public struct Kubeconfig: Sendable {
  /// The files merged, in order.
  public let files: [String]
  /// The context used when none is asked for.
  public var currentContext: String?
  private var clusters: [String: Entry] = [:]
  private var users: [String: Entry] = [:]
  private var contexts: [String: Entry] = [:]

  private struct Entry: Sendable {
    var value: JSONValue
    var file: String
  }

  /// The kubeconfig files kubectl would read: `explicitPath` alone, else every file named in
  /// `KUBECONFIG` that exists, else `~/.kube/config` if it exists; empty when there is none.
  public static func locate(explicitPath: String?, environment: [String: String]) -> [String] {
    if let explicitPath { return [explicitPath] }
    if let list = environment["KUBECONFIG"], !list.isEmpty {
      var seen: Set<String> = []
      return list.split(separator: ":").map(String.init).filter {
        !$0.isEmpty && seen.insert($0).inserted && FileManager.default.fileExists(atPath: $0)
      }
    }
    let home = environment["HOME"] ?? NSHomeDirectory()
    let fallback = home + "/.kube/config"
    return FileManager.default.fileExists(atPath: fallback) ? [fallback] : []
  }

  /// Loads and merges the files `locate` finds; throws when there are none or one is unusable.
  public static func load(
    explicitPath: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment
  )
    throws(KubeconfigError) -> Kubeconfig
  {
    let paths = locate(explicitPath: explicitPath, environment: environment)
    guard !paths.isEmpty else {
      throw KubeconfigError(
        file: environment["KUBECONFIG"].map { "KUBECONFIG=\($0)" } ?? "~/.kube/config",
        reason: "no kubeconfig found; pass --kubeconfig or set KUBECONFIG")
    }
    return try load(files: paths)
  }

  /// Loads and merges exactly `paths`, in order (the files an earlier `load` found, read again).
  public static func load(files paths: [String]) throws(KubeconfigError) -> Kubeconfig {
    var files: [KubeconfigFile] = []
    for path in paths { files.append(try KubeconfigFile.read(path: path)) }
    return Kubeconfig(merging: files)
  }

  /// One kubeconfig from its bytes, as read from `path` (relative file names resolve against it).
  public init(parsing data: Data, path: String) throws(KubeconfigError) {
    self.init(merging: [try KubeconfigFile.parse(data, path: path)])
  }

  init(merging files: [KubeconfigFile]) {
    self.files = files.map(\.path)
    for file in files {
      if currentContext == nil { currentContext = file.currentContext }
      for (name, value) in file.clusters where clusters[name] == nil {
        clusters[name] = Entry(value: value, file: file.path)
      }
      for (name, value) in file.users where users[name] == nil { users[name] = Entry(value: value, file: file.path) }
      for (name, value) in file.contexts where contexts[name] == nil {
        contexts[name] = Entry(value: value, file: file.path)
      }
    }
  }

  /// Every context's name, sorted.
  public var contextNames: [String] { contexts.keys.sorted() }

  /// One context as a list of contexts shows it (`kubectl config get-contexts`), read without
  /// checking what it names: a context whose cluster is missing is listed with no server.
  public struct ContextSummary: Sendable, Equatable {
    public var name: String
    public var cluster: String
    public var user: String
    /// The context's namespace; nil when it sets none.
    public var namespace: String?
    /// The server of its cluster, when the merged files define that cluster.
    public var server: String?
    /// The file that defines the context.
    public var file: String

    public init(name: String, cluster: String, user: String, namespace: String?, server: String?, file: String) {
      self.name = name
      self.cluster = cluster
      self.user = user
      self.namespace = namespace
      self.server = server
      self.file = file
    }
  }

  /// Every context, sorted by name.
  public var contextSummaries: [ContextSummary] {
    contextNames.compactMap { name in
      guard let entry = contexts[name] else { return nil }
      let cluster = entry.value["cluster"]?.stringValue ?? ""
      return ContextSummary(
        name: name, cluster: cluster, user: entry.value["user"]?.stringValue ?? "",
        namespace: entry.value["namespace"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 },
        server: clusters[cluster]?.value["server"]?.stringValue, file: entry.file)
    }
  }

  /// The configuration of `context` (else the current context), with `namespace` overriding the
  /// context's; every file it names is read now, so a bad one fails here naming file and field.
  public func configuration(context: String? = nil, namespace: String? = nil) throws(KubeconfigError)
    -> ClusterConfiguration
  {
    let sources = files.joined(separator: ":")
    guard !contextNames.isEmpty else {
      throw KubeconfigError(
        file: sources, field: "contexts", reason: "none defined: the kubeconfig names no cluster to use")
    }
    guard let name = context ?? currentContext else {
      throw KubeconfigError(
        file: sources, field: "current-context",
        reason: "no context is selected; pass --context (contexts: \(contextNames.joined(separator: ", ")))")
    }
    guard let entry = contexts[name] else {
      throw KubeconfigError(
        file: sources, field: "contexts",
        reason: "no context named \"\(name)\" (contexts: \(contextNames.joined(separator: ", ")))")
    }
    let clusterName = entry.value["cluster"]?.stringValue ?? ""
    guard let cluster = clusters[clusterName] else {
      throw KubeconfigError(
        file: entry.file, field: "contexts[name=\(name)].context.cluster",
        reason: clusterName.isEmpty ? "the context names no cluster" : "no cluster named \"\(clusterName)\"")
    }
    let userName = entry.value["user"]?.stringValue ?? ""
    let user = users[userName]
    if !userName.isEmpty, user == nil {
      throw KubeconfigError(
        file: entry.file, field: "contexts[name=\(name)].context.user", reason: "no user named \"\(userName)\"")
    }
    let clusterFields = FieldReader(
      file: cluster.file, prefix: "clusters[name=\(clusterName)].cluster", value: cluster.value)
    let userFields = FieldReader(
      file: user?.file ?? entry.file, prefix: "users[name=\(userName)].user", value: user?.value ?? .emptyObject)
    guard let server = try clusterFields.string("server"), !server.isEmpty else {
      throw clusterFields.error("server", "missing; the cluster needs the API server's URL")
    }
    guard let url = URL(string: server), url.scheme == "https" || url.scheme == "http", url.host != nil else {
      throw clusterFields.error("server", "\"\(server)\" is not an http(s) URL")
    }
    var tls = try Self.trust(clusterFields)
    (tls.clientCertificatePEM, tls.clientKeyPEM) = try Self.clientCertificate(userFields)
    return ClusterConfiguration(
      server: server, contextName: name,
      namespace: namespace ?? entry.value["namespace"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 } ?? "default",
      source: sources, tls: tls, credentials: try Self.credentials(userFields),
      origin: ClusterConfiguration.Origin(files: files, clusterFile: cluster.file))
  }

  private static func trust(_ fields: FieldReader) throws(KubeconfigError) -> TLSSettings {
    var tls = TLSSettings(
      insecureSkipVerify: try fields.bool("insecure-skip-tls-verify"), serverName: try fields.string("tls-server-name"))
    if let pem = try fields.bytes(data: "certificate-authority-data", file: "certificate-authority") {
      do {
        _ = try NIOSSLCertificate.fromPEMBytes(pem)
      } catch {
        throw fields.error(
          fields.source(data: "certificate-authority-data", file: "certificate-authority"), "not a PEM certificate")
      }
      tls.certificateAuthorityPEM = pem
    }
    return tls
  }

  private static func clientCertificate(_ fields: FieldReader) throws(KubeconfigError) -> ([UInt8]?, [UInt8]?) {
    let certificate = try fields.bytes(data: "client-certificate-data", file: "client-certificate")
    let key = try fields.bytes(data: "client-key-data", file: "client-key")
    switch (certificate, key) {
    case (nil, nil): return (nil, nil)
    case (.some, nil):
      throw fields.error("client-key", "a client certificate needs its key (client-key or client-key-data)")
    case (nil, .some): throw fields.error("client-certificate", "a client key needs its certificate")
    case (.some(let certificate), .some(let key)):
      do {
        _ = try NIOSSLCertificate.fromPEMBytes(certificate)
      } catch {
        throw fields.error(
          fields.source(data: "client-certificate-data", file: "client-certificate"), "not a PEM certificate")
      }
      do {
        _ = try NIOSSLPrivateKey(bytes: key, format: .pem)
      } catch {
        throw fields.error(fields.source(data: "client-key-data", file: "client-key"), "not a PEM private key")
      }
      return (certificate, key)
    }
  }

  private static func credentials(_ fields: FieldReader) throws(KubeconfigError) -> Credentials {
    if fields.value["auth-provider"] != nil {
      throw fields.error("auth-provider", "auth-provider plugins are gone from kubectl; use an exec credential plugin")
    }
    if let token = try fields.string("token"), !token.isEmpty { return .token(token) }
    if let file = try fields.string("tokenFile"), !file.isEmpty {
      guard FileManager.default.isReadableFile(atPath: file) else {
        throw fields.error("tokenFile", "cannot read \(file)")
      }
      return .tokenFile(file)
    }
    if let exec = fields.value["exec"], !exec.isNull {
      return .exec(try ExecPluginConfiguration(exec, fields: fields))
    }
    if fields.value["username"] != nil || fields.value["password"] != nil {
      throw fields.error("username", "basic authentication is not supported; use a token or a client certificate")
    }
    return .none
  }
}

/// Reads typed fields of one kubeconfig entry, so every error names the file and the full field path.
struct FieldReader {
  var file: String
  var prefix: String
  var value: JSONValue

  func error(_ field: String, _ reason: String) -> KubeconfigError {
    KubeconfigError(file: file, field: "\(prefix).\(field)", reason: reason)
  }

  func string(_ key: String) throws(KubeconfigError) -> String? {
    guard let field = value[key], !field.isNull else { return nil }
    guard let text = field.stringValue else { throw error(key, "expected a string, found \(field.typeName)") }
    return text
  }

  func bool(_ key: String) throws(KubeconfigError) -> Bool {
    guard let field = value[key], !field.isNull else { return false }
    if let flag = field.boolValue { return flag }
    if let text = field.stringValue, let flag = Bool(text) { return flag }
    throw error(key, "expected true or false, found \(field.typeName)")
  }

  func source(data: String, file: String) -> String { value[data] != nil ? data : file }

  /// The bytes of a `-data` field (base64) or else of the file a path field names.
  func bytes(data: String, file: String) throws(KubeconfigError) -> [UInt8]? {
    if let encoded = try string(data), !encoded.isEmpty {
      guard let decoded = Data(base64Encoded: encoded, options: .ignoreUnknownCharacters) else {
        throw error(data, "not valid base64")
      }
      return Array(decoded)
    }
    guard let path = try string(file), !path.isEmpty else { return nil }
    guard let contents = FileManager.default.contents(atPath: path) else {
      let reason = FileManager.default.fileExists(atPath: path) ? "cannot read \(path)" : "\(path): no such file"
      throw error(file, reason)
    }
    return Array(contents)
  }
}
