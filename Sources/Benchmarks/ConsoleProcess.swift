import Foundation

/// The release `aiconsole` (the binary beside this one) running in its own private tmux server at
/// a fixed terminal size, recording every frame it presents to a trace file.
struct ConsoleProcess: Sendable {
  /// The console's private tmux server.
  let tmux: TmuxServer
  /// The console's process id (the pane's, since the pane `exec`s it).
  let pid: pid_t
  /// The `AICONSOLE_FRAME_TRACE` file.
  let tracePath: String
  /// Where the console's standard error goes, for a failure report.
  let errorPath: String

  /// The release console binary.
  static var binary: String { GatewayProcess.binary }

  /// Starts the console on the cluster `kubeconfig` names, with a fresh `HOME` under `directory`.
  static func launch(kubeconfig: String, directory: URL, width: Int = 200, height: Int = 50) async throws
    -> ConsoleProcess
  {
    guard FileManager.default.isExecutableFile(atPath: binary) else {
      throw BenchmarkFailure("\(binary) is missing: make bench builds it")
    }
    let home = directory.appendingPathComponent("home")
    try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    let tracePath = directory.appendingPathComponent("frames.jsonl").path
    let errorPath = directory.appendingPathComponent("stderr.txt").path
    // `exec` makes the pane's pid the console's; stderr goes to a file so a crash can be reported.
    let command = [
      "exec env", "AICONSOLE_FRAME_TRACE=\(quoted(tracePath))", "LANG=C.UTF-8", "LC_ALL=C.UTF-8",
      "HOME=\(quoted(home.path))", quoted(binary), "--kubeconfig", quoted(kubeconfig), "--no-demo",
      "2>\(quoted(errorPath))",
    ].joined(separator: " ")
    let tmux = TmuxServer(socket: "aiconsole-bench-\(getpid())-\(directory.lastPathComponent)", scratch: directory)
    let started = await tmux.run(["new-session", "-d", "-s", "console", "-x", "\(width)", "-y", "\(height)", command])
    let pane = await tmux.run(["display-message", "-p", "-t", "console", "#{pane_pid}"])
    guard started.status == 0, let pid = pid_t(pane.output.trimmingCharacters(in: .whitespacesAndNewlines)) else {
      tmux.kill()
      throw BenchmarkFailure("tmux did not start the console: \(errorText(errorPath))")
    }
    return ConsoleProcess(tmux: tmux, pid: pid, tracePath: tracePath, errorPath: errorPath)
  }

  /// Presses one key, by tmux name (`j`, `Enter`).
  func press(_ key: String) async { await tmux.run(["send-keys", "-t", "console", key]) }

  /// The visible text of the pane.
  func screen() async -> String { await tmux.run(["capture-pane", "-p", "-t", "console"]).output }

  /// What the console wrote to standard error.
  var errorOutput: String { Self.errorText(errorPath) }

  /// Stops the tmux server (the console gets SIGHUP) and kills the console if it is still alive
  /// after two seconds; returns once it is gone.
  func stop() async {
    await tmux.run(["kill-server"])
    await waitForExit()
    if isRunning { kill(pid, SIGKILL) }
    await waitForExit()
  }

  private func waitForExit() async {
    for _ in 0..<40 where isRunning { try? await Task.sleep(for: .milliseconds(50)) }
  }

  /// Whether the console process still exists (checked by its command line, so a reused pid of
  /// some other program does not count).
  private var isRunning: Bool {
    guard let commandLine = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
    return String(decoding: commandLine, as: UTF8.self).contains("aiconsole")
  }

  private static func quoted(_ text: String) -> String {
    "'" + text.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
  }

  private static func errorText(_ path: String) -> String {
    String(((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").suffix(2_000))
  }
}
