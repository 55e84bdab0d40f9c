import Foundation
import Views

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The operator's editor, run on a file as `kubectl edit` runs it: `$EDITOR`, else `$VISUAL`,
/// else `vi`, through `/bin/sh` so that an editor given with arguments (`code --wait`) works. It
/// blocks the calling thread until the editor exits, on this process's terminal.
struct ExternalEditor: Sendable {
  var environment: [String: String] = ProcessInfo.processInfo.environment

  /// The editor command line.
  var command: String { environment["EDITOR"] ?? environment["VISUAL"] ?? "vi" }

  /// Why the editor did not finish well.
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// Runs the editor on `file` and waits for it.
  func edit(_ file: URL) throws(Failure) {
    let argv = ["/bin/sh", "-c", "\(command) \"$1\"", "sh", file.path]
    let status = Self.spawnAndWait(argv, environment: environment)
    guard status == 0 else {
      let why = status < 0 ? "could not be started" : "exited with status \(status)"
      throw Failure(description: "the editor \"\(command)\" \(why)")
    }
  }

  /// Runs `argv` with this process's standard streams and clean signal state (`ChildSpawn`);
  /// returns its exit status, or -1 when it could not be started.
  private static func spawnAndWait(_ argv: [String], environment: [String: String]) -> Int32 {
    guard let pid = try? ChildSpawn.start(argv, environment: environment) else { return -1 }
    return ChildSpawn.wait(pid).status
  }
}
