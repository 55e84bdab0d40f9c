import Foundation

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

  /// Starts `argv` with this process's standard streams, an empty signal mask and default
  /// dispositions for the signals a terminal UI catches (a parent's blocked mask would otherwise
  /// leave the editor deaf to Ctrl-C and resizes); returns its exit status, or -1.
  private static func spawnAndWait(_ argv: [String], environment: [String: String]) -> Int32 {
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var empty = sigset_t()
    sigemptyset(&empty)
    posix_spawnattr_setsigmask(&attributes, &empty)
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for signal in [SIGINT, SIGTERM, SIGHUP, SIGWINCH, SIGPIPE, SIGQUIT] { sigaddset(&defaults, signal) }
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    let cArgs = argv.map { strdup($0) } + [nil]
    let cEnv = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      cArgs.forEach { free($0) }
      cEnv.forEach { free($0) }
    }
    var pid = pid_t()
    guard posix_spawn(&pid, argv[0], nil, &attributes, cArgs, cEnv) == 0 else { return -1 }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 {
      guard errno == EINTR else { return -1 }
    }
    // WIFEXITED / WEXITSTATUS, which Swift does not import.
    return status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
  }
}
