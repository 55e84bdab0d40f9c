import Foundation

extension ConsoleBenchmarks {
  /// What one launch of the console measured.
  struct LaunchFigures: Sendable {
    /// Milliseconds from just before launch to the first frame, and to the synced list.
    var firstFrameMs: Double = .nan
    var syncedMs: Double = .nan
    /// Milliseconds from just before launch to the first frame that lists any row.
    var firstRowsMs: Double = .nan
    /// Keys sent, and the key-to-frame latency of each key the console answered.
    var keysPressed = 0
    var keyLatencyMs: [Double] = []
    /// Percent of one core while the writer runs, and after it stopped.
    var flowingCPU: Double = .nan
    var idleCPU: Double = .nan
    /// Frames presented per second in the same two windows.
    var flowingFrameRate: Double = .nan
    var idleFrameRate: Double = .nan
    /// VmRSS at the end of the flowing phase.
    var residentBytes = 0
    /// What the writer achieved during the launch.
    var writes = ChangeWriter.Outcome(accepted: 0, failed: 0, seconds: 0)

    /// A progress line.
    func summary(_ number: Int) -> String {
      let keys = Sample(values: keyLatencyMs)
      return String(
        format:
          "console launch %d: first frame %.0f ms, first rows %.0f ms, synced %.0f ms, key p50 %.1f p99 %.1f ms (%d/%d), "
          + "CPU flowing %.1f%% (%.0f frames/s) idle %.1f%% (%.1f frames/s), RSS %.0f MB, writes %.0f/s (%d failed)",
        number, firstFrameMs, firstRowsMs, syncedMs, keys.median, keys.p99, keyLatencyMs.count, keysPressed, flowingCPU,
        flowingFrameRate, idleCPU, idleFrameRate, Double(residentBytes) / 1e6, writes.rate, writes.failed)
    }
  }

  /// Keys pressed in each launch, and how fast.
  static let keysPerLaunch = 200
  static let keysPerSecond = 20
  /// How long CPU is sampled.
  static let cpuWindow = Duration.seconds(10)
  /// The pause between stopping the writer and sampling idle CPU, for the last changes to drain.
  static let settle = Duration.seconds(3)

  /// One launch: the writer starts, the console starts and lists `rows` objects synced, keys are
  /// pressed and CPU and memory sampled while changes flow; then the writer stops and idle CPU is
  /// sampled.
  static func measureLaunch(kubeconfig: String, writer: ChangeWriter, rows: Int = objects, in directory: URL)
    async throws -> LaunchFigures
  {
    try await withThrowingTaskGroup(of: ChangeWriter.Outcome.self) { group in
      group.addTask { await writer.run() }
      // Let the writer reach its pace before the console's first list.
      try await Task.sleep(for: .seconds(1))
      let launchedMs = Date().timeIntervalSince1970 * 1000
      let console = try await ConsoleProcess.launch(kubeconfig: kubeconfig, directory: directory)
      do {
        var figures = try await whileFlowing(console, rows: rows, launchedMs: launchedMs)
        group.cancelAll()
        figures.writes = try await group.next() ?? figures.writes
        try await Task.sleep(for: settle)
        (figures.idleCPU, figures.idleFrameRate) = try await sampleCPU(console)
        await console.stop()
        return figures
      } catch {
        group.cancelAll()
        await console.stop()
        throw error
      }
    }
  }

  /// Start-up, keys, CPU and memory, all while the writer runs.
  static func whileFlowing(_ console: ConsoleProcess, rows: Int, launchedMs: Double) async throws -> LaunchFigures {
    var figures = LaunchFigures()
    let trace = try await waitForSyncedList(console, rows: rows)
    figures.firstFrameMs = (trace.first?.wallMs ?? .nan) - launchedMs
    figures.firstRowsMs = (trace.firstWithRows?.wallMs ?? .nan) - launchedMs
    figures.syncedMs = (trace.firstSynced(rows: rows)?.wallMs ?? .nan) - launchedMs
    let framesBefore = trace.frames.count
    figures.keysPressed = try await pressKeys(console)
    // The last key's frame comes within a frame interval or two.
    try await Task.sleep(for: .milliseconds(500))
    figures.keyLatencyMs = FrameTraceLog(path: console.tracePath).keyLatencies(from: framesBefore)
    (figures.flowingCPU, figures.flowingFrameRate) = try await sampleCPU(console)
    figures.residentBytes = ProcessSampler(pid: console.pid).residentBytes() ?? 0
    return figures
  }

  /// The console's CPU (percent of one core) over `cpuWindow`, and the frames it presented per
  /// second meanwhile, which is what its CPU mostly goes to.
  static func sampleCPU(_ console: ConsoleProcess) async throws -> (cpu: Double, frameRate: Double) {
    let before = FrameTraceLog(path: console.tracePath).frames.count
    let cpu = try await ProcessSampler(pid: console.pid).cpuPercent(over: cpuWindow)
    let after = FrameTraceLog(path: console.tracePath).frames.count
    return (cpu, Double(after - before) / cpuWindow.seconds)
  }

  /// Reads the trace every 25 ms until a frame lists `rows` objects synced (the trace holds the
  /// frames' own times, so the polling interval does not blur the figures).
  static func waitForSyncedList(_ console: ConsoleProcess, rows: Int = objects, timeout: Duration = .seconds(60))
    async throws -> FrameTraceLog
  {
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: timeout)
    while clock.now < deadline {
      let trace = FrameTraceLog(path: console.tracePath)
      if trace.firstSynced(rows: rows) != nil { return trace }
      if ProcessSampler(pid: console.pid).cpuSeconds() == nil { break }
      try await Task.sleep(for: .milliseconds(25))
    }
    let last = FrameTraceLog(path: console.tracePath).frames.last
    let seen = last.map { "last frame: \($0.rows) rows, synced \($0.synced)" } ?? "no frame"
    let screen = await console.screen()
    throw BenchmarkFailure(
      "the console showed no synced list of \(rows) rows (\(seen)):\n\(screen)\n\(console.errorOutput)")
  }

  /// `j` and `k` alternately at `keysPerSecond`, so the selection moves without drifting away.
  static func pressKeys(_ console: ConsoleProcess) async throws -> Int {
    let clock = ContinuousClock()
    let start = clock.now
    for index in 0..<keysPerLaunch {
      try await clock.sleep(until: start.advanced(by: .seconds(1) / keysPerSecond * index))
      await console.press(index.isMultiple(of: 2) ? "j" : "k")
    }
    return keysPerLaunch
  }
}
