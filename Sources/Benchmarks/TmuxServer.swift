import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A private tmux server (`tmux -L socket -f /dev/null`). Every command is spawned with
/// `posix_spawn`, an empty signal mask and no inherited pipes: Foundation's `Process` hangs on
/// `new-session -d` (the server keeps its pipes open), and a child of an async program would
/// inherit its blocked SIGINT/SIGTERM/SIGHUP/SIGWINCH and ignore them.
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
    let status = Self.spawn([binary, "-L", socket, "-f", "/dev/null"] + arguments, stdoutPath: outputPath)
    return (status, (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "")
  }

  /// Stops the server and every pane in it.
  func kill() { runBlocking(["kill-server"]) }

  private static func spawn(_ argv: [String], stdoutPath: String) -> Int32 {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
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
    let cArguments = argv.map { strdup($0) } + [nil]
    let cEnvironment = environment().map { strdup($0) } + [nil]
    defer {
      cArguments.forEach { free($0) }
      cEnvironment.forEach { free($0) }
    }
    var pid: pid_t = 0
    guard posix_spawn(&pid, argv[0], &actions, &attributes, cArguments, cEnvironment) == 0 else { return -1 }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    return status
  }

  /// This process's environment with a UTF-8 locale (a server started under `LC_ALL=C` passes it
  /// to its panes) and without `TMUX`, so a bench run inside tmux still gets its own server.
  private static func environment() -> [String] {
    var environment = ProcessInfo.processInfo.environment
    environment["LANG"] = "C.UTF-8"
    environment["LC_ALL"] = "C.UTF-8"
    environment.removeValue(forKey: "TMUX")
    return environment.map { "\($0)=\($1)" }
  }
}
