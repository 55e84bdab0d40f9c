import Foundation
import Testing

/// Commands whose reader goes away (`aiconsole logs | head -1`) end as kubectl ends: killed by
/// SIGPIPE (a shell reports 141), with nothing on standard error — no crash, no backtrace.
@Suite("Commands piped into a reader that went away", .timeLimit(.minutes(3)))
struct ClosedOutputTests {
  /// How a command ended, and what it wrote on standard error.
  struct Ending {
    var reason: Process.TerminationReason
    var status: Int32
    var stderr: String

    var endedBySIGPIPE: Bool { reason == .uncaughtSignal && status == SIGPIPE }
  }

  /// Runs the binary with standard output a pipe whose reading end is closed before the command
  /// writes, as `aiconsole … | true` leaves it.
  static func runWithClosedOutput(_ arguments: [String], executable: String = ServeProcess.binary) throws -> Ending {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let output = Pipe()
    let error = Pipe()
    process.standardOutput = output
    process.standardError = error
    process.standardInput = FileHandle.nullDevice
    try process.run()
    // The child holds the only writing end now; with no reader left, its writes fail with EPIPE.
    try? output.fileHandleForWriting.close()
    try output.fileHandleForReading.close()
    let collected = ErrorCollector(error.fileHandleForReading)
    process.waitUntilExit()
    return Ending(
      reason: process.terminationReason, status: process.terminationStatus,
      stderr: String(decoding: collected.wait(), as: UTF8.self))
  }

  @Test("an error into a closed pipe (2>&1 | true) still ends with status 1, not a crash")
  func errorIntoClosedPipe() throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: ServeProcess.binary)
    process.arguments = ["get", "aic", "--kubeconfig", "/nonexistent/config"]
    let both = Pipe()
    process.standardOutput = both
    process.standardError = both
    process.standardInput = FileHandle.nullDevice
    try process.run()
    try? both.fileHandleForWriting.close()
    try both.fileHandleForReading.close()
    process.waitUntilExit()
    #expect(process.terminationReason == .exit)
    #expect(process.terminationStatus == 1)
  }

  @Test("crds into a closed pipe ends by SIGPIPE with nothing on standard error")
  func crds() throws {
    let ending = try Self.runWithClosedOutput(["crds"])
    #expect(ending.endedBySIGPIPE, "\(ending)")
    #expect(ending.stderr == "")
  }

  @Test("logs, logs -f, get, get -o yaml and scale into a closed pipe end by SIGPIPE, quietly, as kubectl does")
  func clusterCommands() async throws {
    try await LogsCommandTests.withServer { server in
      let kubeconfig = ["--kubeconfig", server.kubeconfig]
      let state = ServeProcess.temporaryDirectory("closed-output-audit").path
      if Kubectl.isInstalled() {
        let kubectl = Kubectl(kubeconfig: server.kubeconfig)
        let applied = try kubectl.run("apply", "-f", KubectlCompatibilityTests.samples + "/aicluster.yaml")
        #expect(applied.status == 0, "\(applied.stderr)")
        // Logs are read from running pods only; the server creates pods Pending, as a real one does.
        for pod in ["aiconsole-gateway", "aiconsole-controller"] {
          let running = try kubectl.run(
            "patch", "pod", pod, "-n", "aiconsole-system", "--subresource=status", "--type=merge",
            "-p", #"{"status":{"phase":"Running"}}"#)
          #expect(running.status == 0, "\(running.stderr)")
        }
        let theirs = try Self.runWithClosedOutput(
          ["--kubeconfig", server.kubeconfig, "get", "namespaces"], executable: Kubectl.path ?? "/usr/bin/kubectl")
        #expect(theirs.endedBySIGPIPE, "kubectl itself: \(theirs)")
      }
      for arguments in [
        ["logs"], ["logs", "-f"], ["get", "namespaces"], ["get", "pods", "-A", "-o", "yaml"],
        ["scale", "aic/llama-pool", "3", "-n", "default", "--state-dir", state],
      ] {
        let ending = try Self.runWithClosedOutput(arguments + kubeconfig)
        #expect(ending.endedBySIGPIPE, "\(arguments): \(ending)")
        #expect(ending.stderr == "", "\(arguments)")
      }
    }
  }
}
