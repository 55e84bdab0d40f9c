import Foundation
import Testing

/// `aiconsole controller` on a cluster without its Lease namespace, as its own process: it creates
/// the namespace when it may, and exits with an error naming what to create when it may not.
@Suite("aiconsole controller and its Lease namespace") struct ControllerNamespaceProcessTests {
  /// Runs the controller until it exits or `timeout` passes; its status and standard error.
  func runController(_ kubeconfig: String, _ arguments: [String], timeout: TimeInterval) throws -> (
    status: Int32?, stderr: String
  ) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: ServeProcess.binary)
    process.arguments = ["controller", "--kubeconfig", kubeconfig, "--lease-duration-seconds", "3"] + arguments
    let errors = Pipe()
    process.standardOutput = FileHandle.nullDevice
    process.standardError = errors
    try process.run()
    let deadline = Date().addingTimeInterval(timeout)
    while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
    let exited = !process.isRunning
    if !exited {
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
    }
    let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    return (exited ? process.terminationStatus : nil, text)
  }

  @Test func aForbiddenNamespaceCreateEndsWithWhatToCreate() throws {
    let server = ServeProcess(
      stateDirectory: ServeProcess.temporaryDirectory("controller-ns"), arguments: ["--no-controller"])
    try server.start()
    defer { server.stop() }
    let result = try runController(
      server.kubeconfig, ["--context", "aiconsole-embedded-read-only", "--lease-namespace", "ai-ops"], timeout: 30)
    #expect(result.status != nil && result.status != 0, "the controller kept running: \(result.stderr)")
    #expect(result.stderr.contains("kubectl create namespace ai-ops"), "\(result.stderr)")
  }

  @Test func aMissingNamespaceIsCreatedBeforeTheElection() throws {
    guard Kubectl.isInstalled() else { return }
    let server = ServeProcess(
      stateDirectory: ServeProcess.temporaryDirectory("controller-ns"), arguments: ["--no-controller"])
    try server.start()
    defer { server.stop() }
    let kubectl = Kubectl(kubeconfig: server.kubeconfig)
    let result = try runController(server.kubeconfig, ["--lease-namespace", "ai-ops"], timeout: 4)
    #expect(result.status == nil, "the controller exited: \(result.stderr)")
    #expect(try kubectl.run("get", "namespace", "ai-ops", "-o", "name").stdout == "namespace/ai-ops\n")
  }
}
