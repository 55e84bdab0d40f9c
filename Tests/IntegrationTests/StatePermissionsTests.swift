import Foundation
import Testing

/// The state directory holds the CA key, the tokens, Secrets in the store and request lines in the
/// logs: everything in it is the owner's alone, even when the operator made the directory first.
@Suite("state directory permissions")
struct StatePermissionsTests {
  @Test("serve makes the directory 0700 and every file and folder in it private")
  func everythingIsPrivate() async throws {
    let directory = ServeProcess.temporaryDirectory("modes")
    try FileManager.default.createDirectory(
      at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
    let serve = ServeProcess(stateDirectory: directory)
    try serve.start()
    defer { serve.stop() }
    // The in-process controller and gateway write their pod logs shortly after start.
    let logs = directory.appendingPathComponent("logs/aiconsole-system")
    let deadline = Date().addingTimeInterval(60)
    while Date() < deadline, (try? FileManager.default.contentsOfDirectory(atPath: logs.path))?.isEmpty ?? true {
      try await Task.sleep(for: .milliseconds(100))
    }
    var checked: [String] = []
    var open: [String] = []
    for path in [""] + (FileManager.default.subpaths(atPath: directory.path) ?? []) {
      let full = directory.appendingPathComponent(path).path
      let mode = try FileManager.default.attributesOfItem(atPath: full)[.posixPermissions] as? Int ?? 0
      checked.append(path)
      if mode & 0o077 != 0 { open.append("\(path.isEmpty ? "." : path) \(String(mode, radix: 8))") }
    }
    #expect(checked.contains("state.db-wal"), "no WAL file to check among \(checked)")
    #expect(checked.contains { $0.hasPrefix("logs/aiconsole-system/") }, "no pod log to check among \(checked)")
    #expect(open.isEmpty, "readable by others: \(open)")
  }
}
