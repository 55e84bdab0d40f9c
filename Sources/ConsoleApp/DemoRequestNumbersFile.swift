import EmbeddedCluster
import Foundation
import Gateway
import Logging

/// `demo-requests` in a state directory: the last demo request number that a start of the demo
/// reserved, so that the next start's IDs (`demo-<number>`) continue after it.
enum DemoRequestNumbersFile {
  static let fileName = "demo-requests"

  /// The last reserved number; 0 when none was saved.
  static func last(in directory: URL) -> Int {
    let text = try? String(contentsOf: directory.appendingPathComponent(fileName), encoding: .utf8)
    return text.flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? 0
  }

  /// Numbers after the last start's, saving each new reservation in `directory`.
  static func numbers(in directory: URL, logger: Logger) -> DemoRequestNumbers {
    let file = directory.appendingPathComponent(fileName)
    return DemoRequestNumbers(after: last(in: directory)) { reserved in
      do {
        try PrivateFile.write("\(reserved)\n", to: file)
      } catch {
        logger.warning(
          "cannot save the demo's request numbers; a restart may repeat IDs", metadata: ["error": "\(error)"])
      }
    }
  }
}
