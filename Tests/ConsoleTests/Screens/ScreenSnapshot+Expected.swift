import Foundation
import Testing

/// Comparing a screen with its file under `Expected/`, or recording it there.
extension ScreenSnapshot {
  /// Where the expected screens live, beside this file (read by path: the test target excludes them).
  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Expected")

  /// Set to `1` to write the screens the tests draw into their files instead of comparing.
  static let recordVariable = "AICONSOLE_RECORD_SCREENS"

  static var isRecording: Bool { ProcessInfo.processInfo.environment[recordVariable] == "1" }

  /// The file of screen `name`.
  static func file(_ name: String) -> URL { directory.appendingPathComponent(name + ".txt") }

  /// Records an issue unless this screen is the one in `Expected/name.txt`: a unified diff of the
  /// two (rows and marks), with line numbers. While recording, writes the file and fails saying
  /// so, so that a recorded change is always looked at before it is committed.
  func expect(matches name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let file = Self.file(name)
    if Self.isRecording {
      do {
        try FileManager.default.createDirectory(at: Self.directory, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file, options: .atomic)
        Issue.record(
          "recorded \(file.path): review it (git diff) and run again without \(Self.recordVariable)",
          sourceLocation: sourceLocation)
      } catch {
        Issue.record("cannot record \(file.path): \(error)", sourceLocation: sourceLocation)
      }
      return
    }
    guard let data = FileManager.default.contents(atPath: file.path), let stored = String(data: data, encoding: .utf8)
    else {
      Issue.record(
        "no expected screen at \(file.path); record it with \(Self.recordVariable)=1 and review it. The screen:\n\(text)",
        sourceLocation: sourceLocation)
      return
    }
    let expected = ScreenSnapshot(text: stored)
    guard expected != self else { return }
    let diff = ScreenDiff(expected: expected.lines, actual: lines)
    Issue.record(
      """
      screen \(name) differs from \(file.path) (- expected, + actual; numbers are lines of each):
      \(diff.text())
      If the change is intended, run with \(Self.recordVariable)=1, review the new file and commit it.
      """, sourceLocation: sourceLocation)
  }
}
