import Foundation
import Views

#if canImport(Glibc)
  import Glibc
#endif

/// A peer program (kubectl, jq, promtool, tmux, the release `aiconsole`) run as a real process,
/// started by Views' `ChildSpawn`: clean signal state, because a child of an async program would
/// inherit its blocked SIGINT/SIGTERM/SIGHUP/SIGWINCH and ignore `kill`; standard streams from and
/// to files, never pipes, so no peer can stall on a full pipe or keep one open after it exits
/// (Foundation's `Process` hangs on tmux for that reason).
struct ChildProcess: Sendable {
  /// How a finished child ended and what it cost.
  struct Exit: Sendable {
    /// The exit code, or 128 plus the signal that ended it, as a shell reports it.
    var status: Int32
    /// Wall-clock seconds from just before the spawn to the reaping of the child.
    var wallSeconds: Double
    /// User plus system CPU seconds the child used (from `wait4`).
    var cpuSeconds: Double
  }

  /// The child's process id.
  let pid: pid_t
  /// Just before the spawn.
  let started: ContinuousClock.Instant

  /// Waiting blocks a thread, so it happens here, never on the cooperative pool (two threads on
  /// this machine, which the in-process API server needs); concurrent, so two children can be
  /// waited for at once.
  private static let queue = DispatchQueue(label: "aiconsole-bench.child", attributes: .concurrent)

  /// Starts `argv` (an absolute path first) with `environment` (default: this process's).
  static func spawn(
    _ argv: [String], environment: [String: String]? = nil, standardInput: String = "/dev/null",
    standardOutput: String = "/dev/null", standardError: String = "/dev/null"
  ) throws -> ChildProcess {
    let started = ContinuousClock.now
    do {
      let pid = try ChildSpawn.start(
        argv, environment: environment ?? ProcessInfo.processInfo.environment, standardInput: standardInput,
        standardOutput: standardOutput, standardError: standardError)
      return ChildProcess(pid: pid, started: started)
    } catch {
      throw BenchmarkFailure(error.description)
    }
  }

  /// Runs `argv` to its end, spawning and reaping on a thread of its own so that the wall time is
  /// the child's, not the scheduler's.
  static func run(
    _ argv: [String], environment: [String: String]? = nil, standardInput: String = "/dev/null",
    standardOutput: String = "/dev/null", standardError: String = "/dev/null"
  ) async throws -> Exit {
    try await withCheckedThrowingContinuation { continuation in
      queue.async {
        continuation.resume(
          with: Result {
            try spawn(
              argv, environment: environment, standardInput: standardInput, standardOutput: standardOutput,
              standardError: standardError
            ).waitBlocking()
          })
      }
    }
  }

  /// Blocks the calling thread until the child exits; for code that is not async.
  func waitBlocking() -> Exit {
    let exit = ChildSpawn.wait(pid)
    return Exit(status: exit.status, wallSeconds: (ContinuousClock.now - started).seconds, cpuSeconds: exit.cpuSeconds)
  }

  /// Waits for the child to exit, off the cooperative pool.
  func wait() async -> Exit {
    await withCheckedContinuation { continuation in
      Self.queue.async { continuation.resume(returning: waitBlocking()) }
    }
  }

  /// Sends SIGTERM, then SIGKILL if the child is still there after two seconds; returns once reaped.
  func stop() async -> Exit {
    kill(pid, SIGTERM)
    for _ in 0..<40 where !hasExited { try? await Task.sleep(for: .milliseconds(50)) }
    if !hasExited { kill(pid, SIGKILL) }
    return await wait()
  }

  /// Whether the child has exited (a zombie not yet reaped counts as exited).
  var hasExited: Bool {
    guard let stat = FileManager.default.contents(atPath: "/proc/\(pid)/stat") else { return true }
    let text = String(decoding: stat, as: UTF8.self)
    guard let close = text.lastIndex(of: ")") else { return true }
    return text[text.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("Z")
  }

}
