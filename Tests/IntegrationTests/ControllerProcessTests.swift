import Foundation
import Testing

/// `aiconsole controller` as its own process against `aiconsole serve`, driven by kubectl edits:
/// it reconciles, and of two controllers only the leader acts until it dies.
@Suite("aiconsole controller against aiconsole serve") struct ControllerProcessTests {
  final class ControllerProcess {
    let process = Process()

    init(kubeconfig: String, arguments: [String] = []) throws {
      process.executableURL = URL(fileURLWithPath: ServeProcess.binary)
      process.arguments = ["controller", "--kubeconfig", kubeconfig, "--lease-duration-seconds", "3"] + arguments
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      try process.run()
    }

    func kill() {
      guard process.isRunning else { return }
      Foundation.kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
    }

    deinit { kill() }
  }

  func waitFor(_ kubectl: Kubectl, _ arguments: [String], equals expected: String, timeout: TimeInterval = 30) throws
    -> Bool
  {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
      if try kubectl.run(arguments).stdout == expected { return true }
      Thread.sleep(forTimeInterval: 0.2)
    }
    return false
  }

  static func schema(_ name: String) -> String {
    """
    apiVersion: ai.aiconsole.dev/v1
    kind: ModelContextSchema
    metadata:
      name: \(name)
    spec:
      contextFields:
      - {name: ticket, type: string, required: true}

    """
  }

  @Test func serveRunsTheControllerItself() throws {
    guard Kubectl.isInstalled() else { return }
    let server = ServeProcess(stateDirectory: ServeProcess.temporaryDirectory("serve-controller"))
    try server.start()
    defer { server.stop() }
    let kubectl = Kubectl(kubeconfig: server.kubeconfig)
    #expect(try kubectl.run("apply", "-f", "-", stdin: Self.schema("embedded")).status == 0)
    #expect(try waitFor(kubectl, ["get", "mcs", "embedded", "-o", "jsonpath={.status.ready}"], equals: "true"))
    let holder = try kubectl.run(
      "get", "lease", "aiconsole-controller", "-n", "aiconsole-system", "-o", "jsonpath={.spec.holderIdentity}")
    #expect(holder.stdout.hasPrefix("embedded-"))
  }

  @Test func reconcilesKubectlEditsAndFailsOverToTheSecondController() throws {
    guard Kubectl.isInstalled() else { return }
    // Without serve's own controller, so that the two standalone ones compete alone.
    let server = ServeProcess(
      stateDirectory: ServeProcess.temporaryDirectory("controller"), arguments: ["--no-controller"])
    try server.start()
    defer { server.stop() }
    let kubectl = Kubectl(kubeconfig: server.kubeconfig)
    let first = try ControllerProcess(kubeconfig: server.kubeconfig)
    #expect(
      try waitFor(
        kubectl, ["get", "lease", "-n", "aiconsole-system", "-o", "name"],
        equals: "lease.coordination.k8s.io/aiconsole-controller\n"))
    let second = try ControllerProcess(kubeconfig: server.kubeconfig)
    defer { second.kill() }
    #expect(try kubectl.run("apply", "-f", "-", stdin: Self.schema("first")).status == 0)
    #expect(try waitFor(kubectl, ["get", "mcs", "first", "-o", "jsonpath={.status.ready}"], equals: "true"))
    let holder = try kubectl.run(
      "get", "lease", "aiconsole-controller", "-n", "aiconsole-system", "-o", "jsonpath={.spec.holderIdentity}"
    ).stdout
    #expect(holder.hasSuffix("-\(first.process.processIdentifier)"))

    first.kill()  // no release: the second must wait out the lease, then act
    #expect(try kubectl.run("apply", "-f", "-", stdin: Self.schema("second")).status == 0)
    #expect(try waitFor(kubectl, ["get", "mcs", "second", "-o", "jsonpath={.status.ready}"], equals: "true"))
    let taken = try kubectl.run(
      "get", "lease", "aiconsole-controller", "-n", "aiconsole-system", "-o", "jsonpath={.spec.holderIdentity}"
    ).stdout
    #expect(taken.hasSuffix("-\(second.process.processIdentifier)"))
  }
}
