import ClusterClient
import ClusterTestSupport
import Foundation
import Testing

/// `aiconsole get` keeps discovery where kubectl keeps it, in kubectl's format: kubectl reads what
/// aiconsole wrote without asking the server, a CRD installed after the cache was written is found
/// on the next `get`, and a corrupt cache file is only rewritten.
@Suite("aiconsole get's discovery cache, shared with kubectl") struct GetDiscoveryCacheTests {
  static let widgetDefinition = """
    apiVersion: apiextensions.k8s.io/v1
    kind: CustomResourceDefinition
    metadata:
      name: widgets.example.com
    spec:
      group: example.com
      names: {kind: Widget, plural: widgets, singular: widget, listKind: WidgetList}
      scope: Namespaced
      versions:
      - name: v1
        served: true
        storage: true
        schema:
          openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
    """

  func aiconsole(_ arguments: [String], _ server: ServeProcess, cache: String) throws -> CommandResult {
    try runCommand(
      ServeProcess.binary, ["get"] + arguments + ["--kubeconfig", server.kubeconfig, "--cache-dir", cache])
  }

  /// kubectl with aiconsole's cache directory, logging its requests (`-v=6`).
  func kubectlRequests(_ arguments: [String], _ server: ServeProcess, cache: String) throws -> [String] {
    let result = try runCommand(
      Kubectl.path ?? "/usr/bin/kubectl",
      ["--kubeconfig", server.kubeconfig, "--cache-dir", cache, "-v=6"] + arguments,
      environment: ["HOME": FileManager.default.temporaryDirectory.path])
    #expect(result.status == 0, "\(result.stderr)")
    return result.stderr.split(separator: "\n").filter { $0.contains(" GET https://") }.map(String.init)
  }

  @Test("written in kubectl's layout, read by kubectl without discovery, and invalidated for a new CRD")
  func sharedWithKubectl() async throws {
    guard Kubectl.isInstalled() else { return }
    let server = ServeProcess(
      stateDirectory: ServeProcess.temporaryDirectory("get-cache"), arguments: ["--no-controller"])
    try server.start()
    defer { server.stop() }
    let cache = ServeProcess.temporaryDirectory("get-cache-dir").path
    defer { try? FileManager.default.removeItem(atPath: cache) }
    #expect(try aiconsole(["aic"], server, cache: cache).status == 0)
    let host = cache + "/discovery/" + DiscoveryCache.hostDirectoryName(server.apiServer)
    let groups = try FileManager.default.attributesOfItem(atPath: host + "/servergroups.json")
    #expect(groups[.posixPermissions] as? Int == 0o660)

    // kubectl finds everything it needs in aiconsole's files: its only request is the list.
    let requests = try kubectlRequests(["get", "aic"], server, cache: cache)
    #expect(requests.count == 1 && requests.allSatisfy { $0.contains("/aiclusters?limit=500") }, "\(requests)")

    // A CRD installed after the cache was written: the next get finds it (the cache is six hours
    // young, so only the invalidation on a missing name can find it).
    let kubectl = Kubectl(kubeconfig: server.kubeconfig)
    #expect(try kubectl.run("apply", "-f", "-", stdin: Self.widgetDefinition).status == 0)
    var last: CommandResult?
    let found = try await Polling.until(upTo: .seconds(20), every: .milliseconds(100)) {
      last = try aiconsole(["widgets", "-n", "default"], server, cache: cache)
      return last?.status == 0
    }
    #expect(found, "\(last?.stderr ?? "")")
    #expect(last?.stderr == "No resources found in default namespace.\n")
    #expect(FileManager.default.fileExists(atPath: host + "/example.com/v1/serverresources.json"))
  }

  @Test("a corrupt cache file is ignored and rewritten")
  func corruptFileIsRewritten() throws {
    let server = ServeProcess(
      stateDirectory: ServeProcess.temporaryDirectory("get-corrupt"), arguments: ["--no-controller"])
    try server.start()
    defer { server.stop() }
    let cache = ServeProcess.temporaryDirectory("get-corrupt-dir").path
    defer { try? FileManager.default.removeItem(atPath: cache) }
    #expect(try aiconsole(["namespaces"], server, cache: cache).status == 0)
    let host = cache + "/discovery/" + DiscoveryCache.hostDirectoryName(server.apiServer)
    for file in ["servergroups.json", "v1/serverresources.json"] {
      try Data([0xFF, 0x7B, 0x00]).write(to: URL(fileURLWithPath: host + "/" + file))
    }
    let again = try aiconsole(["namespaces"], server, cache: cache)
    #expect(again.status == 0, "\(again.stderr)")
    #expect(again.stdout.contains("default"))
    let rewritten = try String(contentsOfFile: host + "/v1/serverresources.json", encoding: .utf8)
    #expect(rewritten.hasPrefix(#"{"kind":"APIResourceList""#))
  }
}
