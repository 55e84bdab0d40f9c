import ClusterClient
import ClusterTestSupport
import Foundation
import KubeCore
import Testing

/// Loading and merging kubeconfig files by kubectl's rules, and the errors a bad one gives.
@Suite struct KubeconfigTests {
  let directory = EmbeddedServer.temporaryDirectory()

  func write(_ name: String, _ text: String) -> String {
    let path = directory.appendingPathComponent(name).path
    FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
    return path
  }

  func config(cluster: JSONValue, user: JSONValue = .emptyObject, namespace: String? = nil) -> String {
    var context: JSONValue = ["cluster": "c", "user": "u"]
    if let namespace { context["namespace"] = .string(namespace) }
    let value: JSONValue = [
      "apiVersion": "v1", "kind": "Config", "current-context": "ctx",
      "clusters": [["name": "c", "cluster": cluster]], "users": [["name": "u", "user": user]],
      "contexts": [["name": "ctx", "context": context]],
    ]
    return value.yamlString()
  }

  func loadError(_ path: String, context: String? = nil) -> KubeconfigError? {
    do {
      _ = try Kubeconfig.load(explicitPath: path).configuration(context: context)
      return nil
    } catch {
      return error
    }
  }

  @Test func mergesKubeconfigFilesFirstWins() throws {
    let first = write(
      "a.yaml",
      """
      current-context: one
      contexts:
      - name: one
        context: {cluster: shared, user: alice, namespace: team-a}
      clusters:
      - name: shared
        cluster: {server: "https://first.example:6443"}
      """)
    let second = write(
      "b.yaml",
      """
      current-context: two
      contexts:
      - name: one
        context: {cluster: other, user: bob}
      - name: two
        context: {cluster: shared, user: bob}
      clusters:
      - name: shared
        cluster: {server: "https://second.example:6443"}
      users:
      - name: alice
        user: {token: alice-token}
      - name: bob
        user: {token: bob-token}
      """)
    let missing = directory.appendingPathComponent("missing.yaml").path
    let environment = ["KUBECONFIG": "\(first)::\(missing):\(second):\(first)", "HOME": directory.path]
    let kubeconfig = try Kubeconfig.load(environment: environment)
    #expect(kubeconfig.files == [first, second])
    #expect(kubeconfig.currentContext == "one")
    #expect(kubeconfig.contextNames == ["one", "two"])
    let one = try kubeconfig.configuration()
    #expect(one.server == "https://first.example:6443")
    #expect(one.namespace == "team-a")
    guard case .token("alice-token") = one.credentials else {
      Issue.record("alice's token from the second file"); return
    }
    let two = try kubeconfig.configuration(context: "two", namespace: "override")
    #expect(two.namespace == "override")
    guard case .token("bob-token") = two.credentials else { Issue.record("bob's token"); return }
  }

  /// What the console's `:ctx` lists and switches with: every context of the merge with the
  /// server of its cluster, the file that defines that cluster (so a serve's `endpoints.json`
  /// beside it is found), and the same files read again for another context.
  @Test func listsMergedContextsAndSaysWhereTheirClusterIsDefined() throws {
    try FileManager.default.createDirectory(
      at: directory.appendingPathComponent("a"), withIntermediateDirectories: true)
    try FileManager.default.createDirectory(
      at: directory.appendingPathComponent("b"), withIntermediateDirectories: true)
    let first = write(
      "a/kubeconfig",
      """
      current-context: alpha
      contexts:
      - {name: alpha, context: {cluster: alpha, user: u, namespace: team-a}}
      - {name: orphan, context: {cluster: nowhere, user: u}}
      clusters:
      - {name: alpha, cluster: {server: "https://alpha.example:6443"}}
      users:
      - {name: u, user: {token: t}}
      """)
    let second = write(
      "b/kubeconfig",
      """
      current-context: beta
      contexts:
      - {name: beta, context: {cluster: beta, user: u}}
      - {name: alpha, context: {cluster: beta, user: u}}
      clusters:
      - {name: beta, cluster: {server: "https://beta.example:6443"}}
      - {name: alpha, cluster: {server: "https://shadowed.example:6443"}}
      """)
    let kubeconfig = try Kubeconfig.load(environment: ["KUBECONFIG": "\(first):\(second)", "HOME": directory.path])
    #expect(
      kubeconfig.contextSummaries == [
        .init(
          name: "alpha", cluster: "alpha", user: "u", namespace: "team-a", server: "https://alpha.example:6443",
          file: first),
        .init(
          name: "beta", cluster: "beta", user: "u", namespace: nil, server: "https://beta.example:6443", file: second),
        .init(name: "orphan", cluster: "nowhere", user: "u", namespace: nil, server: nil, file: first),
      ])
    let beta = try kubeconfig.configuration(context: "beta")
    // The user `u` comes from the first file, the cluster from the second.
    #expect(beta.origin == .init(files: [first, second], clusterFile: second))
    guard case .token("t") = beta.credentials else { Issue.record("u's token from the first file"); return }
    let again = try Kubeconfig.load(files: beta.origin?.files ?? [])
    #expect(try again.configuration(context: "alpha").origin?.clusterFile == first)
    #expect(again.currentContext == "alpha")
  }

  /// client-go refuses a file that names a cluster, user or context twice ("duplicate name … in
  /// list"); merging across files is where the first one wins, never inside one file.
  @Test func refusesAFileThatNamesAnEntryTwice() throws {
    let path = write(
      "twice.yaml",
      """
      contexts:
      - {name: one, context: {cluster: c}}
      - {name: one, context: {cluster: d}}
      clusters:
      - {name: c, cluster: {server: "https://c:1"}}
      """)
    let error = loadError(path, context: "one")
    #expect(error?.field == "contexts[1].name")
    #expect(error?.reason == "duplicate name \"one\": another context in this file has it")
    let users = write(
      "users.yaml",
      "users:\n- {name: u, user: {token: a}}\n- {name: u, user: {token: b}}\n")
    #expect(loadError(users)?.field == "users[1].name")
  }

  @Test func fallsBackToHomeKubeconfigAndFindsNoneWithoutIt() throws {
    #expect(Kubeconfig.locate(explicitPath: nil, environment: ["HOME": directory.path]).isEmpty)
    try FileManager.default.createDirectory(
      at: directory.appendingPathComponent(".kube"), withIntermediateDirectories: true)
    let path = write(".kube/config", config(cluster: ["server": "https://h:1"]))
    #expect(Kubeconfig.locate(explicitPath: nil, environment: ["HOME": directory.path]) == [path])
    #expect(Kubeconfig.locate(explicitPath: nil, environment: ["HOME": directory.path, "KUBECONFIG": ""]) == [path])
    #expect(throws: KubeconfigError.self) { try Kubeconfig.load(environment: ["HOME": "/nonexistent-home"]) }
  }

  @Test func resolvesRelativePathsAgainstTheFile() throws {
    try FileManager.default.createDirectory(
      at: directory.appendingPathComponent("sub"), withIntermediateDirectories: true)
    _ = write("sub/token", "secret\n")
    let path = write("sub/config", config(cluster: ["server": "https://h:1"], user: ["tokenFile": "token"]))
    let configuration = try Kubeconfig.load(explicitPath: path).configuration()
    guard case .tokenFile(let file) = configuration.credentials else { Issue.record("token file"); return }
    #expect(file == directory.appendingPathComponent("sub/token").path)
  }

  @Test func errorsNameTheFileAndTheField() throws {
    let missing = directory.appendingPathComponent("nope").path
    #expect(loadError(missing)?.description == "kubeconfig \(missing): no such file")
    let binary = write("binary", "\u{0}\u{1}\u{2}garbage")
    #expect(loadError(binary)?.description.contains("not UTF-8 text") == true)
    let yaml = write("bad.yaml", "clusters: [unclosed\n")
    #expect(loadError(yaml)?.description.hasPrefix("kubeconfig \(yaml): invalid YAML") == true)
    let scalar = write("scalar.yaml", "just a string\n")
    #expect(loadError(scalar)?.reason.contains("expected a mapping") == true)
    let empty = write("empty.yaml", "")
    #expect(loadError(empty)?.field == "contexts")
    let fine = write("fine.yaml", config(cluster: ["server": "https://h:1"]))
    let unknown = loadError(fine, context: "prod")
    #expect(unknown?.field == "contexts")
    #expect(unknown?.reason == "no context named \"prod\" (contexts: ctx)")
    let noServer = write("noserver.yaml", config(cluster: ["insecure-skip-tls-verify": true]))
    #expect(loadError(noServer)?.field == "clusters[name=c].cluster.server")
    let badURL = write("badurl.yaml", config(cluster: ["server": "ftp://x"]))
    #expect(loadError(badURL)?.reason.contains("not an http(s) URL") == true)
  }

  @Test func unreadableOrInvalidCertificatesAreNamed() throws {
    let missingCA = write(
      "ca.yaml", config(cluster: ["server": "https://h:1", "certificate-authority": "/nonexistent/ca.crt"]))
    let error = loadError(missingCA)
    #expect(error?.file == missingCA)
    #expect(error?.field == "clusters[name=c].cluster.certificate-authority")
    #expect(error?.reason == "/nonexistent/ca.crt: no such file")
    let badData = write("cadata.yaml", config(cluster: ["server": "https://h:1", "certificate-authority-data": "%%%"]))
    #expect(loadError(badData)?.field == "clusters[name=c].cluster.certificate-authority-data")
    let notPEM = write(
      "notpem.yaml",
      config(
        cluster: [
          "server": "https://h:1", "certificate-authority-data": .string(Data("hello".utf8).base64EncodedString()),
        ]))
    #expect(loadError(notPEM)?.reason == "not a PEM certificate")
    let certificate = write("c.pem", "not a certificate")
    let keyOnly = write("keyonly.yaml", config(cluster: ["server": "https://h:1"], user: ["client-key": "c.pem"]))
    #expect(loadError(keyOnly)?.field == "users[name=u].user.client-certificate")
    let both = write(
      "both.yaml",
      config(
        cluster: ["server": "https://h:1"],
        user: ["client-certificate": .string(certificate), "client-key": .string(certificate)]))
    #expect(loadError(both)?.field == "users[name=u].user.client-certificate")
    let unreadableKey = write(
      "unreadable.yaml",
      config(cluster: ["server": "https://h:1"], user: ["client-certificate": "c.pem", "client-key": "missing.key"]))
    #expect(loadError(unreadableKey)?.field == "users[name=u].user.client-key")
  }

  @Test func refusesPluginsAndAuthenticationItCannotHonour() throws {
    let provider = write(
      "provider.yaml", config(cluster: ["server": "https://h:1"], user: ["auth-provider": ["name": "gcp"]]))
    #expect(loadError(provider)?.field == "users[name=u].user.auth-provider")
    let alpha = write(
      "alpha.yaml",
      config(
        cluster: ["server": "https://h:1"],
        user: ["exec": ["apiVersion": "client.authentication.k8s.io/v1alpha1", "command": "x"]]))
    #expect(loadError(alpha)?.field == "users[name=u].user.exec.apiVersion")
    let noCommand = write(
      "nocommand.yaml",
      config(cluster: ["server": "https://h:1"], user: ["exec": ["apiVersion": "client.authentication.k8s.io/v1"]]))
    #expect(loadError(noCommand)?.field == "users[name=u].user.exec.command")
  }

  @Test func inClusterNeedsTheServiceEnvironment() throws {
    #expect(throws: KubeconfigError.self) {
      try ClusterConfiguration.inCluster(environment: [:], serviceAccountDirectory: directory.path)
    }
    let error = #expect(throws: KubeconfigError.self) {
      try ClusterConfiguration.inCluster(
        environment: ["KUBERNETES_SERVICE_HOST": "10.0.0.1", "KUBERNETES_SERVICE_PORT": "443"],
        serviceAccountDirectory: directory.path)
    }
    #expect(error?.file == directory.path + "/token")
  }
}
