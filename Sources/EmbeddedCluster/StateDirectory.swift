import Foundation
import KubeCore

/// The files of a control plane's state directory: TLS credentials and tokens (mode 0600), the
/// SQLite store, pod logs, and the `kubeconfig` and `endpoints.json` handed to clients.
struct StateDirectory: Sendable {
  let url: URL

  var databasePath: String { url.appendingPathComponent("state.db").path }
  var logsDirectory: URL { url.appendingPathComponent("logs") }
  var kubeconfigPath: String { url.appendingPathComponent("kubeconfig").path }
  var endpointsPath: String { url.appendingPathComponent("endpoints.json").path }
  var caKeyURL: URL { url.appendingPathComponent("ca.key") }
  var adminCertificatePath: String { url.appendingPathComponent("client-admin.crt").path }
  var adminKeyPath: String { url.appendingPathComponent("client-admin.key").path }

  /// Creates the directory (mode 0700) if needed, and makes one that exists private too: it holds
  /// the CA key and the tokens, and the store and logs hold Secrets and request lines.
  func prepare() throws {
    try FileManager.default.createDirectory(
      at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: url.path)
    try FileManager.default.createDirectory(
      at: logsDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    try Self.makePrivateFile(databasePath)
    // Left by an older version with the default mode.
    for suffix in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: databasePath + suffix) {
      try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: databasePath + suffix)
    }
  }

  /// Creates `path` empty with mode 0600 if it is missing, or sets that mode: SQLite gives its
  /// `-wal` and `-shm` files the mode of the database file.
  static func makePrivateFile(_ path: String) throws {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else {
      throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
    }
    fchmod(descriptor, 0o600)
    close(descriptor)
  }

  /// The credentials stored here, generating them on first use.
  func credentials(address: String) throws -> ServingCredentials {
    let names = ["ca.crt", "server.crt", "server.key"]
    if let texts = try? names.map({ try String(contentsOf: url.appendingPathComponent($0), encoding: .utf8) }) {
      return ServingCredentials(
        caCertificatePEM: texts[0], caKeyPEM: try? String(contentsOf: caKeyURL, encoding: .utf8),
        serverCertificatePEM: texts[1], serverKeyPEM: texts[2])
    }
    let generated = try ServingCredentials.generate(address: address)
    try writePrivate("ca.crt", generated.caCertificatePEM)
    if let caKey = generated.caKeyPEM { try writePrivate("ca.key", caKey) }
    try writePrivate("server.crt", generated.serverCertificatePEM)
    try writePrivate("server.key", generated.serverKeyPEM)
    return generated
  }

  /// The bearer tokens stored here, generating them on first use.
  func tokens() throws -> AccessTokens {
    let adminURL = url.appendingPathComponent("token-admin")
    let readOnlyURL = url.appendingPathComponent("token-readonly")
    if let admin = try? String(contentsOf: adminURL, encoding: .utf8),
      let readOnly = try? String(contentsOf: readOnlyURL, encoding: .utf8)
    {
      return AccessTokens(
        admin: admin.trimmingCharacters(in: .whitespacesAndNewlines),
        readOnly: readOnly.trimmingCharacters(in: .whitespacesAndNewlines))
    }
    let tokens = AccessTokens(admin: AccessTokens.generate(), readOnly: AccessTokens.generate())
    try writePrivate("token-admin", tokens.admin)
    try writePrivate("token-readonly", tokens.readOnly)
    return tokens
  }

  /// The admin client certificate and key files (`O=system:masters`), issued on first use; false
  /// when this directory's CA key is not kept, so no certificate can be issued.
  func ensureAdminClientCertificate(_ credentials: ServingCredentials) throws -> Bool {
    if FileManager.default.fileExists(atPath: adminCertificatePath),
      FileManager.default.fileExists(atPath: adminKeyPath)
    {
      return true
    }
    guard
      let issued = try credentials.issueClientCertificate(
        commonName: "aiconsole-admin", organizations: ["system:masters"])
    else { return false }
    try writePrivate("client-admin.crt", issued.certificatePEM)
    try writePrivate("client-admin.key", issued.keyPEM)
    return true
  }

  /// The port of the previous start, from `endpoints.json`.
  func previousPort() -> Int? {
    EndpointsFile.port("apiServer", in: url)
  }

  /// Writes the kubeconfig (context `aiconsole-embedded`, CA data, admin token) and `endpoints.json`.
  func writeClientFiles(
    apiServer: String, credentials: ServingCredentials, tokens: AccessTokens, extra: [String: String]
  ) throws {
    let caData = Data(credentials.caCertificatePEM.utf8).base64EncodedString()
    var users: [JSONValue] = [
      ["name": "aiconsole-admin", "user": ["token": .string(tokens.admin)]],
      ["name": "aiconsole-read-only", "user": ["token": .string(tokens.readOnly)]],
    ]
    var contexts: [JSONValue] = [
      Self.context("aiconsole-embedded", user: "aiconsole-admin"),
      Self.context("aiconsole-embedded-read-only", user: "aiconsole-read-only"),
    ]
    if try ensureAdminClientCertificate(credentials) {
      users.append([
        "name": "aiconsole-admin-certificate",
        "user": ["client-certificate": .string(adminCertificatePath), "client-key": .string(adminKeyPath)],
      ])
      contexts.append(Self.context("aiconsole-embedded-certificate", user: "aiconsole-admin-certificate"))
    }
    let kubeconfig: JSONValue = [
      "apiVersion": "v1", "kind": "Config", "current-context": "aiconsole-embedded",
      "clusters": [
        [
          "name": "aiconsole-embedded",
          "cluster": ["server": .string(apiServer), "certificate-authority-data": .string(caData)],
        ]
      ],
      "users": .array(users), "contexts": .array(contexts),
    ]
    try writePrivate("kubeconfig", kubeconfig.yamlString())
    var endpoints: JSONValue = ["apiServer": .string(apiServer)]
    for (key, value) in extra.sorted(by: { $0.key < $1.key }) { endpoints[key] = .string(value) }
    try EndpointsFile.replace(with: endpoints, in: url)
  }

  private static func context(_ name: String, user: String) -> JSONValue {
    [
      "name": .string(name),
      "context": ["cluster": "aiconsole-embedded", "user": .string(user), "namespace": "default"],
    ]
  }

  private func writePrivate(_ name: String, _ text: String) throws {
    try PrivateFile.write(text, to: url.appendingPathComponent(name))
  }
}
