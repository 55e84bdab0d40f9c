import Foundation
import Testing

/// `aiconsole get`, through ClusterClient, prints what `kubectl get` prints for the same server.
@Suite("aiconsole get against kubectl") struct GetCommandTests {
  func aiconsole(_ arguments: [String], kubeconfig: String) throws -> CommandResult {
    try runCommand(ServeProcess.binary, ["get"] + arguments + ["--kubeconfig", kubeconfig])
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
  }
}
