import Foundation
import Testing

/// The official Python `kubernetes` client (installed from PyPI into a private virtualenv) passes
/// the list/watch/patch flow against `aiconsole serve`.
@Suite("Python kubernetes client against aiconsole serve")
struct PythonClientTests {
  static let root = KubectlCompatibilityTests.packageRoot

  /// A virtualenv with the `kubernetes` package, made once under `.build/`.
  static func python() throws -> String {
    let environment = root.appendingPathComponent(".build/python-client")
    let python = environment.appendingPathComponent("bin/python").path
    if FileManager.default.isExecutableFile(atPath: python),
      try runCommand(python, ["-c", "import kubernetes"]).status == 0
    {
      return python
    }
    let created = try runCommand("/usr/bin/env", ["python3", "-m", "venv", environment.path])
    guard created.status == 0 else { throw ServeError(message: "python3 -m venv failed: \(created.stderr)") }
    let installed = try runCommand(python, ["-m", "pip", "install", "--quiet", "kubernetes"])
    guard installed.status == 0 else { throw ServeError(message: "pip install kubernetes failed: \(installed.stderr)") }
    return python
  }

  @Test("lists, watches, patches and reads scale like a real API server")
  func pythonClientFlow() throws {
    let python = try Self.python()
    // The API server alone: the controller's own writes would add events the script does not expect.
    let server = ServeProcess(stateDirectory: ServeProcess.temporaryDirectory("python"), arguments: ["--no-controller"])
    try server.start()
    defer { server.stop() }
    let script = Self.root.appendingPathComponent("Tests/compat/python_client_flow.py").path
    let result = try runCommand(python, [script, server.kubeconfig])
    #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
    #expect(result.stdout.contains("python-client: ok"))
  }
}
