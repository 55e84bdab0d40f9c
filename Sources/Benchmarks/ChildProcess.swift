import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A peer program (kubectl, jq, promtool, tmux, the release `aiconsole`) run as a real process,
/// started with `posix_spawn`: an empty signal mask and default dispositions, because a child of
/// an async program would inherit its blocked SIGINT/SIGTERM/SIGHUP/SIGWINCH and ignore `kill`;
/// standard input, output and error from and to files, never pipes, so no peer can stall on a
/// full pipe or keep one open after it exits (Foundation's `Process` hangs on tmux for that reason).
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
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, standardInput, O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, standardOutput, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, standardError, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var empty = sigset_t()
    sigemptyset(&empty)
    posix_spawnattr_setsigmask(&attributes, &empty)
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for signal in [SIGINT, SIGTERM, SIGHUP, SIGWINCH, SIGPIPE] { sigaddset(&defaults, signal) }
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    let variables = (environment ?? ProcessInfo.processInfo.environment).map { "\($0)=\($1)" }
    let cArguments = argv.map { strdup($0) } + [nil]
    let cEnvironment = variables.map { strdup($0) } + [nil]
    defer {
      cArguments.forEach { free($0) }
      cEnvironment.forEach { free($0) }
    }
    var pid: pid_t = 0
    let started = ContinuousClock.now
    let error = posix_spawn(&pid, argv[0], &actions, &attributes, cArguments, cEnvironment)
    guard error == 0 else { throw BenchmarkFailure("cannot start \(argv[0]): \(String(cString: strerror(error)))") }
    return ChildProcess(pid: pid, started: started)
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
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
    let wall = (ContinuousClock.now - started).seconds
    let cpu = Self.seconds(usage.ru_utime) + Self.seconds(usage.ru_stime)
    // WIFEXITED and friends are macros Swift does not import: the low 7 bits hold the signal.
    let signal = status & 0x7f
    return Exit(status: signal == 0 ? (status >> 8) & 0xff : 128 + signal, wallSeconds: wall, cpuSeconds: cpu)
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

  private static func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
}
