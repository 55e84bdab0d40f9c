import Foundation
import Views

#if canImport(Glibc)
  import Glibc
#endif

/// Drives a private tmux server for end-to-end tests. Every command is started with
/// `posix_spawnp`, an empty signal mask and no inherited pipes (Foundation's `Process` hangs on
/// `tmux new-session -d`, and async tests would pass their blocked signals on).
public struct Tmux: Sendable {
  /// The private server's socket name.
  public let socket: String
  /// A scratch directory for the session's scripts and outputs.
  public let directory: URL

  /// A private server named after `name` and this process.
  public init(name: String) throws {
    socket = "\(name)-\(getpid())"
    directory = FileManager.default.temporaryDirectory.appendingPathComponent("views-tmux-\(socket)")
    try? FileManager.default.removeItem(at: directory)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  }

  public static var isAvailable: Bool {
    ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"].contains { FileManager.default.isExecutableFile(atPath: $0) }
  }

  /// Runs `tmux -L socket args...`; returns its exit status and standard output.
  @discardableResult
  public func run(_ args: [String]) -> (status: Int32, output: String) {
    let outPath = directory.appendingPathComponent("out-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: outPath) }
    let status = Tmux.spawn(["tmux", "-L", socket, "-f", "/dev/null"] + args, stdoutPath: outPath)
    let output = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
    return (status, output)
  }

  /// Starts a detached session running `/bin/sh script`.
  public func start(script: String, width: Int = 120, height: Int = 36) throws {
    let path = directory.appendingPathComponent("run.sh").path
    try script.write(toFile: path, atomically: true, encoding: .utf8)
    run(["new-session", "-d", "-s", "t", "-x", "\(width)", "-y", "\(height)", "/bin/sh \(path)"])
  }

  /// The visible text of the pane.
  public func capture() -> String { run(["capture-pane", "-p", "-t", "t"]).output }

  /// Polls the pane every 50 ms until `predicate` holds (or `timeout` seconds pass); returns the last capture.
  public func waitFor(timeout: Double = 15, _ predicate: (String) -> Bool) -> String {
    let deadline = Date().addingTimeInterval(timeout)
    var screen = capture()
    while !predicate(screen) && Date() < deadline {
      usleep(50_000)
      screen = capture()
    }
    return screen
  }

  /// `waitFor` for async tests: sleeps with `Task.sleep`, so a long wait does not hold one of the
  /// cooperative pool's few threads (two on the CI machine) and starve every other test.
  public func waitFor(timeout: Double = 15, _ predicate: (String) -> Bool) async -> String {
    let deadline = Date().addingTimeInterval(timeout)
    var screen = capture()
    while !predicate(screen) && Date() < deadline {
      try? await Task.sleep(for: .milliseconds(50))
      screen = capture()
    }
    return screen
  }

  /// Waits for `text` to appear without holding a thread; returns the screen.
  public func waitFor(_ text: String, timeout: Double = 15) async -> String {
    await waitFor(timeout: timeout) { $0.contains(text) }
  }

  /// Waits for `text` to appear; returns the screen.
  public func waitFor(_ text: String, timeout: Double = 15) -> String {
    waitFor(timeout: timeout) { $0.contains(text) }
  }

  /// Sends keys by tmux name (`Enter`, `Escape`, `C-c`).
  public func sendKeys(_ keys: String...) { run(["send-keys", "-t", "t"] + keys) }
  /// Types `text` literally.
  public func sendText(_ text: String) { run(["send-keys", "-t", "t", "-l", text]) }
  /// A tmux format evaluated for the pane (`#{alternate_on}`).
  public func display(_ format: String) -> String {
    run(["display-message", "-p", "-t", "t", format]).output.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// Stops the server and removes the scratch directory.
  public func kill() {
    run(["kill-server"])
    try? FileManager.default.removeItem(at: directory)
  }

  private static func spawn(_ argv: [String], stdoutPath: String) -> Int32 {
    var environment = ProcessInfo.processInfo.environment
    environment["LANG"] = "C.UTF-8"
    environment["LC_ALL"] = "C.UTF-8"
    environment.removeValue(forKey: "TMUX")
    guard
      let pid = try? ChildSpawn.start(
        argv, environment: environment, standardInput: "/dev/null", standardOutput: stdoutPath,
        standardError: "/dev/null", searchPath: true)
    else { return -1 }
    return ChildSpawn.wait(pid).status
  }
}
