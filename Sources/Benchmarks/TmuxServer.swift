import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A private tmux server (`tmux -L socket -f /dev/null`). Every command is a `ChildProcess`:
/// Foundation's `Process` hangs on `new-session -d` (the server keeps its pipes open), and the
/// panes must not inherit this program's blocked signals.
struct TmuxServer: Sendable {
  /// The tmux executable, or nil when tmux is not installed.
  static let binary: String? = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"].first {
    FileManager.default.isExecutableFile(atPath: $0)
  }

  /// Spawning and waiting blocks, so commands run on this queue, never on the cooperative pool
  /// (two threads here, which the in-process API server and the writer need).
  private static let queue = DispatchQueue(label: "aiconsole-bench.tmux")

  /// The private server's socket name.
  let socket: String
  /// Where command outputs are captured.
  let scratch: URL

  /// A server named `socket`, capturing outputs under `scratch`.
  init(socket: String, scratch: URL) {
    self.socket = socket
    self.scratch = scratch
  }

  /// Runs `tmux -L socket args…` off the cooperative pool; returns its exit status and output.
  @discardableResult
  func run(_ arguments: [String]) async -> (status: Int32, output: String) {
    await withCheckedContinuation { continuation in
      Self.queue.async { continuation.resume(returning: runBlocking(arguments)) }
    }
  }

  /// Runs a tmux command on the calling thread; for teardown, where waiting is what is wanted.
  @discardableResult
  func runBlocking(_ arguments: [String]) -> (status: Int32, output: String) {
    guard let binary = Self.binary else { return (-1, "") }
    let outputPath = scratch.appendingPathComponent("tmux-\(UUID().uuidString.prefix(8)).out").path
    defer { try? FileManager.default.removeItem(atPath: outputPath) }
    let child = try? ChildProcess.spawn(
      [binary, "-L", socket, "-f", "/dev/null"] + arguments, environment: Self.environment(),
      standardOutput: outputPath)
    let status = child?.waitBlocking().status ?? -1
    return (status, (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "")
  }

  /// Stops the server and every pane in it.
  func kill() { runBlocking(["kill-server"]) }

  /// This process's environment with a UTF-8 locale (a server started under `LC_ALL=C` passes it
  /// to its panes) and without `TMUX`, so a bench run inside tmux still gets its own server.
  private static func environment() -> [String: String] {
    var environment = ProcessInfo.processInfo.environment
    environment["LANG"] = "C.UTF-8"
    environment["LC_ALL"] = "C.UTF-8"
    environment.removeValue(forKey: "TMUX")
    return environment
  }
}
