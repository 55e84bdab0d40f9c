import ClusterClient
import ClusterTestSupport
import EmbeddedCluster
import Foundation
import KubeCore
import Testing

/// Every way a kubeconfig can authenticate, against the embedded server over real HTTPS.
@Suite(.serialized, .timeLimit(.minutes(5))) struct AuthenticationTests {
  let server: EmbeddedServer
  let directory = EmbeddedServer.temporaryDirectory()
  let generated: JSONValue

  init() async throws {
    server = try await EmbeddedServer.start()
    generated = try JSONValue.parseYAML(String(contentsOfFile: server.kubeconfigPath, encoding: .utf8))
  }

  var caData: String {
    generated["clusters"]?.arrayValue?.first?[path: ["cluster", "certificate-authority-data"]]?.stringValue ?? ""
  }
  var adminToken: String {
    (try? String(contentsOf: server.stateDirectory.appendingPathComponent("token-admin"), encoding: .utf8)) ?? ""
  }

  func kubeconfig(_ name: String, user: JSONValue, cluster: JSONValue? = nil) -> String {
    let value: JSONValue = [
      "apiVersion": "v1", "kind": "Config", "current-context": "test",
      "clusters": [
        [
          "name": "c",
          "cluster": cluster ?? [
            "server": .string(server.endpoints.apiServer), "certificate-authority-data": .string(caData),
          ],
        ]
      ],
      "users": [["name": "u", "user": user]],
      "contexts": [["name": "test", "context": ["cluster": "c", "user": "u"]]],
    ]
    let path = directory.appendingPathComponent(name).path
    FileManager.default.createFile(atPath: path, contents: Data(value.yamlString().utf8))
    return path
  }

  func client(_ path: String, context: String? = nil) throws -> KubeClient {
    try KubeClient(kubeconfig: path, context: context)
  }

  func createNamespace(_ client: KubeClient, _ name: String) async throws {
    _ = try await client.json(
      .POST, "/api/v1/namespaces", body: ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(name)]])
  }

  @Test func bearerTokenFromTheGeneratedKubeconfig() async throws {
    let client = try client(server.kubeconfigPath)
    let list = try await client.json(.GET, "/api/v1/namespaces")
    #expect(
      list["items"]?.arrayValue?.contains { $0[path: ["metadata", "name"]]?.stringValue == "aiconsole-system" } == true)
    try await client.shutdown()
    await server.stop()
  }

  @Test func tokenFileIsReadAndAWrongTokenIsUnauthorized() async throws {
    let tokenPath = directory.appendingPathComponent("token").path
    FileManager.default.createFile(atPath: tokenPath, contents: Data((adminToken + "\n").utf8))
    let client = try client(kubeconfig("tokenfile", user: ["tokenFile": "token"]))
    try await createNamespace(client, "from-token-file")
    let wrong = try self.client(kubeconfig("wrong", user: ["token": "not-a-token"]))
    await #expect {
      _ = try await wrong.json(.GET, "/api/v1/namespaces")
    } throws: { error in
      guard case .unauthorized = error as? KubeError else { return false }
      return true
    }
    try await client.shutdown()
    try await wrong.shutdown()
    await server.stop()
  }

  @Test func clientCertificateFilesAndData() async throws {
    let fromFiles = try client(server.kubeconfigPath, context: "aiconsole-embedded-certificate")
    try await createNamespace(fromFiles, "from-client-certificate")
    let viewer = try EmbeddedCertificateAuthority.issueClientCertificate(
      stateDirectory: server.stateDirectory, commonName: "jane", organizations: ["viewers"])
    let fromData = try client(
      kubeconfig(
        "certdata",
        user: [
          "client-certificate-data": .string(Data(viewer.certificatePEM.utf8).base64EncodedString()),
          "client-key-data": .string(Data(viewer.keyPEM.utf8).base64EncodedString()),
        ]))
    let namespaces = try await fromData.json(.GET, "/api/v1/namespaces")
    #expect(
      namespaces["items"]?.arrayValue?.contains { $0[path: ["metadata", "name"]] == "from-client-certificate" } == true)
    await #expect {
      try await createNamespace(fromData, "viewer-cannot")
    } throws: { error in
      guard case .forbidden = error as? KubeError else { return false }
      return true
    }
    try await fromFiles.shutdown()
    try await fromData.shutdown()
    await server.stop()
  }

  @Test func aCertificateFromAnotherCAIsRefused() async throws {
    let other = try await EmbeddedServer.start()
    let stranger = try EmbeddedCertificateAuthority.issueClientCertificate(
      stateDirectory: other.stateDirectory, commonName: "mallory", organizations: ["system:masters"])
    await other.stop()
    let client = try client(
      kubeconfig(
        "stranger",
        user: [
          "client-certificate-data": .string(Data(stranger.certificatePEM.utf8).base64EncodedString()),
          "client-key-data": .string(Data(stranger.keyPEM.utf8).base64EncodedString()),
        ]))
    await #expect {
      _ = try await client.json(.GET, "/api/v1/namespaces")
    } throws: { error in
      guard case .transport = error as? KubeError else { return false }
      return true
    }
    try await client.shutdown()
    await server.stop()
  }

  /// Writes a credential plugin script that counts its runs in `runs` and answers with `body`.
  func plugin(_ name: String, _ body: String) -> String {
    let script = """
      #!/bin/sh
      count=$(cat "\(directory.path)/\(name).runs" 2>/dev/null || echo 0)
      count=$((count + 1))
      echo $count > "\(directory.path)/\(name).runs"
      \(body)
      """
    let path = directory.appendingPathComponent(name + ".sh").path
    FileManager.default.createFile(atPath: path, contents: Data(script.utf8), attributes: [.posixPermissions: 0o755])
    return path
  }

  func runs(_ name: String) -> Int {
    Int(
      (try? String(contentsOfFile: directory.appendingPathComponent(name + ".runs").path, encoding: .utf8))?
        .trimmingCharacters(in: .whitespacesAndNewlines) ?? "") ?? 0
  }

  func execUser(_ script: String, _ version: String = "client.authentication.k8s.io/v1") -> JSONValue {
    [
      "exec": [
        "apiVersion": .string(version), "command": .string(script), "interactiveMode": "Never",
        "provideClusterInfo": true,
      ]
    ]
  }

  @Test(arguments: ["client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1"])
  func execPluginTokenIsCachedUntilExpiry(version: String) async throws {
    let name = "token-" + (version.hasSuffix("v1") ? "v1" : "v1beta1")
    let script = plugin(
      name,
      """
      test -n "$KUBERNETES_EXEC_INFO" || exit 3
      echo "$KUBERNETES_EXEC_INFO" | grep -q '"server"' || exit 4
      printf '{"apiVersion":"\(version)","kind":"ExecCredential","status":{"token":"\(adminToken)","expirationTimestamp":"2999-01-01T00:00:00Z"}}'
      """)
    let client = try client(kubeconfig(name, user: execUser(script, version)))
    try await createNamespace(client, name)
    _ = try await client.json(.GET, "/api/v1/namespaces/\(name)")
    #expect(runs(name) == 1)
    try await client.shutdown()
    await server.stop()
  }

  @Test func execPluginRunsAgainWhenExpiredAndAfterA401() async throws {
    let script = plugin(
      "rotating",
      """
      if [ $count -eq 1 ]; then token=stale; else token=\(adminToken); fi
      printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"%s","expirationTimestamp":"2000-01-01T00:00:00Z"}}' $token
      """)
    let client = try client(kubeconfig("rotating", user: execUser(script)))
    _ = try await client.json(.GET, "/api/v1/namespaces")
    #expect(runs("rotating") == 2)  // the stale token got a 401, the plugin ran again
    _ = try await client.json(.GET, "/api/v1/namespaces")
    #expect(runs("rotating") == 3)  // already expired: never cached
    try await client.shutdown()
    await server.stop()
  }

  @Test func execPluginClientCertificate() async throws {
    let issued = try EmbeddedCertificateAuthority.issueClientCertificate(
      stateDirectory: server.stateDirectory, commonName: "plugin-user", organizations: ["system:masters"])
    let certificatePath = directory.appendingPathComponent("plugin.crt").path
    let keyPath = directory.appendingPathComponent("plugin.key").path
    FileManager.default.createFile(atPath: certificatePath, contents: Data(issued.certificatePEM.utf8))
    FileManager.default.createFile(atPath: keyPath, contents: Data(issued.keyPEM.utf8))
    let script = plugin(
      "certificate",
      """
      python3 -c 'import json,sys; print(json.dumps({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"clientCertificateData":open(sys.argv[1]).read(),"clientKeyData":open(sys.argv[2]).read()}}))' \(certificatePath) \(keyPath)
      """)
    let client = try client(kubeconfig("certificate", user: execUser(script)))
    try await createNamespace(client, "from-plugin-certificate")
    try await client.shutdown()
    await server.stop()
  }

  @Test func execPluginFailuresAreExplained() async throws {
    let failing = plugin("failing", "echo 'token expired, run login' >&2; exit 1")
    let client = try client(kubeconfig("failing", user: execUser(failing)))
    let error = await #expect(throws: ExecPluginError.self) { _ = try await client.json(.GET, "/api/v1/namespaces") }
    #expect(error?.description.contains("exited with status 1: token expired, run login") == true)
    let missing = try self.client(
      kubeconfig(
        "missing",
        user: [
          "exec": [
            "apiVersion": "client.authentication.k8s.io/v1", "command": "no-such-plugin-xyz",
            "installHint": "install it with apt",
          ]
        ]))
    let notFound = await #expect(throws: ExecPluginError.self) {
      _ = try await missing.json(.GET, "/api/v1/namespaces")
    }
    #expect(notFound?.description.contains("command not found\ninstall it with apt") == true)
    try await client.shutdown()
    try await missing.shutdown()
    await server.stop()
  }

  @Test func tlsServerNameAndInsecureSkipVerify() async throws {
    let url = server.endpoints.apiServer
    let named = try client(
      kubeconfig(
        "named", user: ["token": .string(adminToken)],
        cluster: [
          "server": .string(url), "certificate-authority-data": .string(caData), "tls-server-name": "localhost",
        ]))
    _ = try await named.json(.GET, "/api/v1/namespaces")
    // NIOSSL also accepts a certificate whose IP address SAN matches the socket, which the embedded
    // server's always does on loopback, so a wrong tls-server-name cannot be shown failing here.
    let untrusted = try client(
      kubeconfig("untrusted", user: ["token": .string(adminToken)], cluster: ["server": .string(url)]))
    await #expect(throws: KubeError.self) { _ = try await untrusted.json(.GET, "/api/v1/namespaces") }
    let insecure = try client(
      kubeconfig(
        "insecure", user: ["token": .string(adminToken)],
        cluster: ["server": .string(url), "insecure-skip-tls-verify": true]))
    _ = try await insecure.json(.GET, "/api/v1/namespaces")
    for client in [named, untrusted, insecure] { try await client.shutdown() }
    await server.stop()
  }

  @Test func inClusterServiceAccount() async throws {
    let account = directory.appendingPathComponent("serviceaccount")
    try FileManager.default.createDirectory(at: account, withIntermediateDirectories: true)
    FileManager.default.createFile(
      atPath: account.appendingPathComponent("token").path, contents: Data(adminToken.utf8))
    FileManager.default.createFile(
      atPath: account.appendingPathComponent("ca.crt").path, contents: Data(base64Encoded: caData))
    FileManager.default.createFile(
      atPath: account.appendingPathComponent("namespace").path, contents: Data("aiconsole-system\n".utf8))
    let port = URLComponents(string: server.endpoints.apiServer)?.port ?? 0
    let configuration = try ClusterConfiguration.inCluster(
      environment: ["KUBERNETES_SERVICE_HOST": "127.0.0.1", "KUBERNETES_SERVICE_PORT": "\(port)"],
      serviceAccountDirectory: account.path)
    #expect(configuration.namespace == "aiconsole-system")
    let client = try KubeClient(configuration: configuration)
    let pods = try await client.json(.GET, "/api/v1/namespaces/\(configuration.namespace)/pods")
    #expect(pods["items"]?.arrayValue?.isEmpty == false)
    try await client.shutdown()
    await server.stop()
  }

  @Test func mergedKubeconfigFromTheEnvironment() async throws {
    let clusters = directory.appendingPathComponent("clusters.yaml").path
    let users = directory.appendingPathComponent("users.yaml").path
    let contexts = directory.appendingPathComponent("contexts.yaml").path
    let files: [(String, JSONValue)] = [
      (
        contexts,
        [
          "current-context": "merged",
          "contexts": [
            ["name": "merged", "context": ["cluster": "embedded", "user": "admin", "namespace": "kube-public"]]
          ],
        ]
      ),
      (
        clusters,
        [
          "clusters": [
            [
              "name": "embedded",
              "cluster": [
                "server": .string(server.endpoints.apiServer), "certificate-authority-data": .string(caData),
              ],
            ]
          ]
        ]
      ),
      (users, ["users": [["name": "admin", "user": ["token": .string(adminToken)]]]]),
    ]
    for (path, value) in files { FileManager.default.createFile(atPath: path, contents: Data(value.yamlString().utf8)) }
    let configuration = try Kubeconfig.load(environment: ["KUBECONFIG": "\(contexts):\(clusters):\(users)"])
      .configuration()
    #expect(configuration.namespace == "kube-public")
    let client = try KubeClient(configuration: configuration)
    _ = try await client.json(.GET, "/api/v1/namespaces")
    try await client.shutdown()
    await server.stop()
  }
}
