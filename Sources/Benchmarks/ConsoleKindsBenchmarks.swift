import ClusterClient
import EmbeddedCluster
import Foundation
import KubeCore

/// A kind the console does not know beforehand, listed from the server's Table (issue 20 item 6):
/// an in-process API server holds 10,000 Pods (no AI objects) and a few ConfigMaps, Secrets and
/// ServiceAccounts; the release console in tmux is sent `:pods` cold, another kind, `:pods` again
/// warm, then enough other kinds that Pods leave the warm set. The frame trace times each switch
/// from the Enter key to the frames that show the rows; /proc gives resident memory between steps.
enum ConsoleKindsBenchmarks {
  static let area = "Console kinds (release aiconsole in tmux 200x50; 10,000 Pods listed from the server's Table)"
  /// Pods listed, spread over this many namespaces and nodes.
  static let pods = 10_000
  static let namespaces = 4
  static let nodes = 50
  /// Objects of each other kind viewed, in the first namespace.
  static let smallKinds = ["configmaps": 30, "secrets": 40, "serviceaccounts": 50]
  /// Launches measured; each does `cycles` cold and warm switches.
  static let launches = 3
  static let cycles = 2

  /// What one cycle measured: milliseconds from Enter to the first frame with rows and to the
  /// frame with every pod, for the cold switch and the warm one; resident memory before, with the
  /// pods listed and after they left the warm set.
  struct Cycle: Sendable {
    /// The cycle's number in its launch; 0 for a fresh console.
    var index = 0
    var coldFirstRowsMs = Double.nan
    var coldAllRowsMs = Double.nan
    var warmAllRowsMs = Double.nan
    var residentBefore = 0
    var residentWithPods = 0
    var residentAfterEviction = 0

    func summary(_ launch: Int, _ cycle: Int) -> String {
      String(
        format: "console kinds launch %d cycle %d: cold :pods first rows %.0f ms, all %.0f ms; warm :pods %.0f ms; "
          + "RSS %.0f MB before, %.0f MB with pods, %.0f MB after eviction",
        launch, cycle, coldFirstRowsMs, coldAllRowsMs, warmAllRowsMs, Double(residentBefore) / 1e6,
        Double(residentWithPods) / 1e6, Double(residentAfterEviction) / 1e6)
    }
  }

  /// Runs the suite, or says why it cannot and adds nothing.
  static func run(into report: inout BenchmarkReport) async throws {
    guard TmuxServer.binary != nil, FileManager.default.isExecutableFile(atPath: ConsoleProcess.binary) else {
      progress("skipping the console kinds benchmark: tmux or \(ConsoleProcess.binary) is missing")
      return
    }
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "aiconsole-bench-kinds-\(UUID().uuidString.prefix(6))")
    defer { try? FileManager.default.removeItem(at: directory) }
    do {
      let cycles = try await ConsoleBenchmarks.withControlPlane(directory: directory) { endpoints, client in
        try await seed(client)
        var cycles: [Cycle] = []
        for launch in 0..<launches {
          let launchDirectory = directory.appendingPathComponent("launch-\(launch)")
          try FileManager.default.createDirectory(at: launchDirectory, withIntermediateDirectories: true)
          cycles += try await measureLaunch(kubeconfig: endpoints.kubeconfigPath, in: launchDirectory, number: launch)
        }
        return cycles
      }
      add(cycles, to: &report)
    } catch {
      progress("console kinds benchmark failed: \(error)")
      report.add(
        .init(area: area, name: "console kinds benchmark failed: \(error)", median: "—", p99: "—", target: "—"))
    }
  }

  /// One console: it syncs its (empty) AI list, then runs `cycles` cycles.
  static func measureLaunch(kubeconfig: String, in directory: URL, number: Int) async throws -> [Cycle] {
    let console = try await ConsoleProcess.launch(kubeconfig: kubeconfig, directory: directory)
    do {
      _ = try await ConsoleBenchmarks.waitForSyncedList(console, rows: 0)
      var cycles: [Cycle] = []
      for index in 0..<self.cycles {
        var cycle = try await measureCycle(console)
        cycle.index = index
        progress(cycle.summary(number, index))
        cycles.append(cycle)
      }
      await console.stop()
      return cycles
    } catch {
      await console.stop()
      throw error
    }
  }

  /// `:pods` cold, `:cm`, `:pods` warm, then `:secrets`, `:sa`, `:namespaces` (with `:cm`, four
  /// kinds newer than pods, so pods leave the warm set; `:ns` is the namespace command) and `:ai`
  /// to end where it began.
  static func measureCycle(_ console: ConsoleProcess) async throws -> Cycle {
    var cycle = Cycle()
    cycle.residentBefore = try await settledResidentBytes(console)
    let cold = try await switchTo("pods", console, until: { $0 >= pods })
    cycle.coldFirstRowsMs = cold.firstRowsMs
    cycle.coldAllRowsMs = cold.allRowsMs
    cycle.residentWithPods = try await settledResidentBytes(console)
    _ = try await switchTo("cm", console, until: { $0 > 0 && $0 < pods })
    let warm = try await switchTo("pods", console, until: { $0 >= pods })
    cycle.warmAllRowsMs = warm.allRowsMs
    for kind in ["cm", "secrets", "sa", "namespaces"] {
      _ = try await switchTo(kind, console, until: { $0 > 0 && $0 < pods })
    }
    cycle.residentAfterEviction = try await settledResidentBytes(console)
    _ = try await switchTo("ai", console, until: { $0 == 0 })
    return cycle
  }

  /// Types `:kind`, presses Enter and waits for a frame whose row count satisfies `done`; answers
  /// the milliseconds from just before Enter to the first frame with any row and to that frame.
  static func switchTo(_ kind: String, _ console: ConsoleProcess, until done: (Int) -> Bool) async throws
    -> (firstRowsMs: Double, allRowsMs: Double)
  {
    await console.tmux.run(["send-keys", "-t", "console", "-l", ":\(kind)"])
    let framesBefore = FrameTraceLog(path: console.tracePath).frames.count
    let pressedMs = Date().timeIntervalSince1970 * 1000
    await console.press("Enter")
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: .seconds(60))
    while clock.now < deadline {
      let frames = FrameTraceLog(path: console.tracePath).frames.dropFirst(framesBefore)
      if let last = frames.first(where: { done($0.rows) }) {
        let first = frames.first { $0.rows > 0 } ?? last
        if ProcessInfo.processInfo.environment["AICONSOLE_BENCH_FRAMES"] != nil {
          let shown = frames.prefix { $0.wallMs <= last.wallMs }.map {
            String(format: "+%.0f:%d", $0.wallMs - pressedMs, $0.rows)
          }
          progress(":\(kind) frames (ms:rows) \(shown.joined(separator: " "))")
        }
        return (first.wallMs - pressedMs, last.wallMs - pressedMs)
      }
      try await Task.sleep(for: .milliseconds(10))
    }
    let screen = await console.screen()
    throw BenchmarkFailure("`:\(kind)` did not show the rows expected:\n\(screen)\n\(console.errorOutput)")
  }

  /// VmRSS a second after the last switch, so that what it allocated and freed has settled
  /// (the console presents a frame a second for its clock, so it is never wholly idle).
  static func settledResidentBytes(_ console: ConsoleProcess) async throws -> Int {
    try await Task.sleep(for: .seconds(1))
    return ProcessSampler(pid: console.pid).residentBytes() ?? 0
  }
}
