import Foundation
import NIOCore
import NIOPosix

/// `aiconsole-bench`: release-mode benchmarks with warm-up and repeated runs, peers measured in the
/// same run; prints the report and writes it to `--output`. `--only AREA` runs one area, for a
/// quick look at a change. `aiconsole-bench follow KUBECONFIG` is not a benchmark but the informer
/// process the follow comparison starts.
@main
struct BenchmarkMain {
  /// The areas `--only` accepts.
  static let areas = [
    "views", "metrics", "control-plane", "controller", "gateway", "console", "scaling", "peers", "logs",
  ]

  static func main() async throws {
    let arguments = CommandLine.arguments
    if arguments.count == 3, arguments[1] == InformerFollower.command {
      try await InformerFollower.run(kubeconfig: arguments[2])
      return
    }
    let output = arguments.firstIndex(of: "--output").map { arguments[$0 + 1] } ?? "docs/benchmarks.md"
    let only = arguments.firstIndex(of: "--only").map { arguments[$0 + 1] }
    // The control plane's area alone runs Swift concurrency's jobs on NIO's event loops, as
    // `aiconsole serve` does (AIConsole.runTasksOnEventLoopsWhenServing), so that its in-process
    // server and clients are measured as serve runs. Not the other areas: the gateway's waits on
    // wrk and nginx block a thread for seconds, which would stall an event loop's connections.
    // AICONSOLE_BENCH_POOL=1 keeps the default pool, to measure what the event loops change.
    if only == "control-plane", ProcessInfo.processInfo.environment["AICONSOLE_BENCH_POOL"] != "1" {
      NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
    }
    if let only, !areas.contains(only) {
      progress("unknown area \(only): use one of \(areas.joined(separator: ", "))")
      exit(2)
    }
    func runs(_ area: String) -> Bool { only == nil || only == area }
    var report = BenchmarkReport()
    if runs("views") { ViewsBenchmarks.run(into: &report) }
    if runs("metrics") { try await MetricsBenchmarks.run(into: &report) }
    if runs("control-plane") { try await ControlPlaneBenchmarks.run(into: &report) }
    if runs("controller") { try await ControllerBenchmarks.run(into: &report) }
    if runs("gateway") { try await GatewayBenchmarks.run(into: &report) }
    if runs("console") { try await ConsoleBenchmarks.run(into: &report) }
    if runs("scaling") { try await GrowingClusterBenchmarks.run(into: &report) }
    if runs("peers") { try await ListPeerBenchmarks.run(into: &report) }
    if runs("logs") { try await LogsBenchmarks.run(into: &report) }
    try report.write(to: output)
    print(report.markdown)
  }
}
