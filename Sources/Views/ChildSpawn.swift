import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Starts child processes with the signal state a terminal program needs: an empty signal mask
/// and default dispositions for the signals a terminal UI catches. A child inherits both, and a
/// parent that blocks SIGINT/SIGTERM/SIGHUP/SIGWINCH (any async Swift program, and the console
/// while it handles them) would otherwise start an editor deaf to Ctrl-C and resizes, or a tool
/// that ignores `kill`. Standard streams are inherited or redirected to files, never pipes: a
/// pipe can stall a child that writes more than it holds, or outlive it.
public enum ChildSpawn {
  public struct Failure: Error, CustomStringConvertible {
    public var description: String
  }

  /// How a child ended.
  public struct Exit: Sendable {
    /// The exit code, or 128 plus the signal that ended it, as a shell reports it.
    public var status: Int32
    /// Its user plus system CPU time, in seconds.
    public var cpuSeconds: Double
  }

  static let resetSignals = [SIGINT, SIGTERM, SIGHUP, SIGWINCH, SIGPIPE, SIGQUIT]

  /// Starts `argv` (a path first, or a name looked up in `PATH` when `searchPath`) with
  /// `environment`; each standard stream is inherited (nil) or opened on the file named.
  public static func start(
    _ argv: [String], environment: [String: String], standardInput: String? = nil, standardOutput: String? = nil,
    standardError: String? = nil, searchPath: Bool = false
  ) throws(Failure) -> pid_t {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    if let standardInput { posix_spawn_file_actions_addopen(&actions, 0, standardInput, O_RDONLY, 0) }
    for (descriptor, path) in [(Int32(1), standardOutput), (2, standardError)] {
      if let path { posix_spawn_file_actions_addopen(&actions, descriptor, path, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
    }
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var empty = sigset_t()
    sigemptyset(&empty)
    posix_spawnattr_setsigmask(&attributes, &empty)
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for signal in resetSignals { sigaddset(&defaults, signal) }
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    let arguments = argv.map { strdup($0) } + [nil]
    let variables = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      arguments.forEach { free($0) }
      variables.forEach { free($0) }
    }
    var pid: pid_t = 0
    let error =
      searchPath
      ? posix_spawnp(&pid, argv[0], &actions, &attributes, arguments, variables)
      : posix_spawn(&pid, argv[0], &actions, &attributes, arguments, variables)
    guard error == 0 else { throw Failure(description: "cannot start \(argv[0]): \(String(cString: strerror(error)))") }
    return pid
  }

  /// Blocks the calling thread until `pid` exits, and reaps it.
  public static func wait(_ pid: pid_t) -> Exit {
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
    // WIFEXITED and friends are macros Swift does not import: the low 7 bits hold the signal.
    let signal = status & 0x7f
    return Exit(
      status: signal == 0 ? (status >> 8) & 0xff : 128 + signal,
      cpuSeconds: seconds(usage.ru_utime) + seconds(usage.ru_stime))
  }

  private static func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
}
