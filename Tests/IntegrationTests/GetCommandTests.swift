import Foundation
import Testing

/// `aiconsole get`, through ClusterClient, prints what `kubectl get` prints for the same server.
@Suite("aiconsole get against kubectl") struct GetCommandTests {
  /// With a discovery cache of its own, as `Kubectl.run` gives kubectl: a cache left in the home
  /// by another test's server on the same port must not answer for this one.
  func aiconsole(_ arguments: [String], kubeconfig: String) throws -> CommandResult {
    let cache = FileManager.default.temporaryDirectory.appendingPathComponent(
      "kubecache-\(UUID().uuidString.prefix(6))")
    defer { try? FileManager.default.removeItem(at: cache) }
    return try runCommand(
      ServeProcess.binary, ["get"] + arguments + ["--kubeconfig", kubeconfig], environment: ["KUBECACHEDIR": cache.path]
    )
  }

  /// Drops the AGE column, which may tick between the two commands.
  func withoutAge(_ text: String) -> [String] {
    text.split(separator: "\n").map { line in
      var words = line.split(separator: " ", omittingEmptySubsequences: true)
      if let last = words.last, last == "AGE" || (last.dropLast().allSatisfy(\.isNumber) && "smhd".contains(last.last!))
      {
        words.removeLast()
      }
      return words.joined(separator: " ")
    }
  }

  @Test func printsWhatKubectlPrints() throws {
    guard Kubectl.isInstalled() else { return }
    // Without the controller, so that status does not change between the two listings compared.
    let server = ServeProcess(stateDirectory: ServeProcess.temporaryDirectory("get"), arguments: ["--no-controller"])
    try server.start()
    defer { server.stop() }
    let kubectl = Kubectl(kubeconfig: server.kubeconfig)
    #expect(try kubectl.run("apply", "-f", KubectlCompatibilityTests.samples).status == 0)
    for arguments in [
      ["aic", "-A"], ["ai"], ["infsvc", "-o", "wide"], ["namespaces"],
      ["pods", "-n", "aiconsole-system", "-o", "name"],
    ] {
      let ours = try aiconsole(arguments, kubeconfig: server.kubeconfig)
      let theirs = try kubectl.run(["get"] + arguments)
      #expect(ours.status == 0, "\(arguments): \(ours.stderr)")
      #expect(!ours.stdout.isEmpty)
      #expect(
        withoutAge(ours.stdout) == withoutAge(theirs.stdout),
        "\(arguments)\n\(ours.stdout)\n---\n\(theirs.stdout)\(theirs.stderr)")
    }
    let yaml = try aiconsole(["aic", "-o", "yaml"], kubeconfig: server.kubeconfig)
    #expect(yaml.stdout.contains("kind: AICluster"))
  }

  @Test func errorsAreKubectlShaped() throws {
    let server = ServeProcess(stateDirectory: ServeProcess.temporaryDirectory("get-errors"))
    try server.start()
    defer { server.stop() }
    let unknown = try aiconsole(["widgets"], kubeconfig: server.kubeconfig)
    #expect(unknown.status == 1)
    #expect(unknown.stderr == "error: the server doesn't have a resource type \"widgets\"\n")
    let missing = try runCommand(ServeProcess.binary, ["get", "aic", "--kubeconfig", "/nonexistent/config"])
    #expect(missing.status == 1)
    #expect(missing.stderr == "error: kubeconfig /nonexistent/config: no such file\n")
    let context = try aiconsole(["aic", "--context", "prod"], kubeconfig: server.kubeconfig)
    #expect(context.stderr.contains("no context named \"prod\""))
    let empty = try aiconsole(["aic", "-n", "nothing-here"], kubeconfig: server.kubeconfig)
    #expect(empty.status == 0)
    #expect(empty.stderr == "No resources found in nothing-here namespace.\n")
    let nowhere = try aiconsole(["aic", "-A", "-l", "nothing=here"], kubeconfig: server.kubeconfig)
    #expect(nowhere.status == 0)
    #expect(nowhere.stderr == "No resources found\n")
  }

  /// A server without the controller (status stays still between the two commands compared),
  /// holding the samples, and kubectl pointed at it.
  func withSamples(_ name: String, _ body: (ServeProcess, Kubectl) throws -> Void) throws {
    let server = ServeProcess(stateDirectory: ServeProcess.temporaryDirectory(name), arguments: ["--no-controller"])
    try server.start()
    defer { server.stop() }
    let kubectl = Kubectl(kubeconfig: server.kubeconfig)
    #expect(try kubectl.run("apply", "-f", KubectlCompatibilityTests.samples).status == 0)
    try body(server, kubectl)
  }

  @Test("a missing name is kubectl's NotFound error with status 1, printed after the names that were found")
  func missingNames() throws {
    guard Kubectl.isInstalled() else { return }
    try withSamples("get-missing") { server, kubectl in
      let missing = try aiconsole(["aic", "nosuch", "-n", "default"], kubeconfig: server.kubeconfig)
      #expect(missing.status == 1)
      #expect(missing.stdout == "")
      #expect(missing.stderr == "Error from server (NotFound): aiclusters.ai.aiconsole.dev \"nosuch\" not found\n")
      for arguments in [
        ["aic", "nosuch"], ["aic", "llama-pool", "nosuch", "other"], ["aic", "llama-pool", "nosuch", "-o", "name"],
        ["aic", "llama-pool", "nosuch", "-o", "wide"], ["namespaces", "default", "nosuch"], ["ai", "nosuch"],
      ] {
        let ours = try aiconsole(arguments, kubeconfig: server.kubeconfig)
        let theirs = try kubectl.run(["get"] + arguments)
        #expect(ours.status == theirs.status, "\(arguments): \(ours.stderr)")
        #expect(ours.stderr == theirs.stderr, "\(arguments)")
        #expect(
          withoutAge(ours.stdout) == withoutAge(theirs.stdout), "\(arguments)\n\(ours.stdout)---\n\(theirs.stdout)")
      }
    }
  }

  @Test("-o yaml and -o json print one named object itself and several in a List, byte for byte as kubectl does")
  func objectsAsKubectlPrintsThem() throws {
    guard Kubectl.isInstalled() else { return }
    try withSamples("get-objects") { server, kubectl in
      let yaml = try aiconsole(["aic", "llama-pool", "-o", "yaml"], kubeconfig: server.kubeconfig)
      #expect(yaml.stdout.hasPrefix("apiVersion: ai.aiconsole.dev/v1\nkind: AICluster\nmetadata:\n"))
      for arguments in [
        ["aic", "llama-pool", "-o", "yaml"], ["aic", "llama-pool", "-o", "json"], ["aic", "-o", "yaml"],
        ["ai", "-o", "json"], ["aic", "llama-pool", "nosuch", "-o", "yaml"], ["namespaces", "default", "-o", "yaml"],
        ["crd", "aiclusters.ai.aiconsole.dev", "-o", "yaml"], ["pods", "-n", "aiconsole-system", "-o", "json"],
        // Long descriptions folded at 80 columns, and managedFields left out of a List's items too.
        ["crd", "-o", "yaml"], ["aic", "-o", "json"],
      ] {
        let ours = try aiconsole(arguments, kubeconfig: server.kubeconfig)
        let theirs = try kubectl.run(["get"] + arguments)
        #expect(ours.status == theirs.status, "\(arguments): \(ours.stderr)")
        #expect(ours.stdout == theirs.stdout, "\(arguments)\n\(ours.stdout)---\n\(theirs.stdout)")
      }
    }
  }
}
