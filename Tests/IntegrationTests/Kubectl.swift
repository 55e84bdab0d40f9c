import Foundation
import Testing

/// The real `kubectl`, pointed at a server's kubeconfig.
struct Kubectl {
  let kubeconfig: String

  /// Whether kubectl is there; records why the test cannot run when it is not.
  static func isInstalled() -> Bool {
    guard path == nil else { return true }
    Issue.record("kubectl is not installed; `make test` installs it")
    return false
  }

  static var path: String? {
    for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
      let candidate = "\(directory)/kubectl"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }

  func run(_ arguments: String..., stdin: String? = nil) throws -> CommandResult {
    try run(arguments, stdin: stdin)
  }

  func run(_ arguments: [String], stdin: String? = nil) throws -> CommandResult {
    try runCommand(
      Kubectl.path ?? "/usr/bin/kubectl", ["--kubeconfig", kubeconfig, "--request-timeout=20s"] + arguments,
      stdin: stdin,
      environment: [
        "HOME": FileManager.default.temporaryDirectory.path,
        "KUBECACHEDIR": FileManager.default.temporaryDirectory.appendingPathComponent(
          "kubecache-\(UUID().uuidString.prefix(6))"
        ).path,
      ])
  }
}

/// A long-running kubectl (e.g. `get -w`) whose output is read as it arrives.
final class KubectlStream {
  let process = Process()
  private let output = Pipe()
  private var buffer = ""

  init(kubeconfig: String, _ arguments: [String]) throws {
    process.executableURL = URL(fileURLWithPath: Kubectl.path ?? "/usr/bin/kubectl")
    process.arguments = ["--kubeconfig", kubeconfig] + arguments
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
  }

  /// Reads until a line contains every fragment, or the timeout passes; returns all output so far.
  func waitForLine(containing fragments: [String], timeout: TimeInterval = 20) -> String? {
    let deadline = Date().addingTimeInterval(timeout)
    let handle = output.fileHandleForReading
    while Date() < deadline {
      if let line = buffer.split(separator: "\n").first(where: { line in fragments.allSatisfy { line.contains($0) } }) {
        return String(line)
      }
      var readable = pollfd(fd: handle.fileDescriptor, events: Int16(POLLIN), revents: 0)
      if poll(&readable, 1, 200) > 0 {
        let chunk = handle.availableData
        if chunk.isEmpty { return nil }
        buffer += String(decoding: chunk, as: UTF8.self)
      }
    }
    return nil
  }

  var text: String { buffer }

  deinit {
    if process.isRunning {
      process.terminate()
      process.waitUntilExit()
    }
  }
}
