import Foundation

/// `aiconsole gateway` (the release binary beside this one, or the one `AICONSOLE_GATEWAY_BIN`
/// names, so that a change is measured against a copy of the binary from before it) as its own
/// process.
final class GatewayProcess {
  let process = Process()

  static var binary: String {
    if let chosen = ProcessInfo.processInfo.environment["AICONSOLE_GATEWAY_BIN"], !chosen.isEmpty { return chosen }
    return URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(
      "aiconsole"
    ).path
  }

  init(kubeconfig: String, port: Int) throws {
    guard FileManager.default.isExecutableFile(atPath: Self.binary) else {
      throw BenchmarkFailure("\(Self.binary) is missing: make bench builds it")
    }
    process.executableURL = URL(fileURLWithPath: Self.binary)
    process.arguments = ["gateway", "--kubeconfig", kubeconfig, "--address", "127.0.0.1", "--port", String(port)]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
  }

  func stop() {
    guard process.isRunning else { return }
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
  }

  deinit { stop() }
}
