import ClusterClient
import EmbeddedCluster
import Foundation
import KubeCore
import Logging
import ServiceLifecycle

/// `aiconsole-bench`: release-mode benchmarks with warm-up and repeated runs; prints medians and
/// writes the report table to `--output`.
@main
struct BenchmarkMain {
  static func main() async throws {
    let arguments = CommandLine.arguments
    let output = arguments.firstIndex(of: "--output").map { arguments[$0 + 1] } ?? "docs/benchmarks.md"
    var report = BenchmarkReport()
    // `--only controller` (or `gateway`, `console`, `logs`) runs one area, for a quick look at a change.
    let only = arguments.firstIndex(of: "--only").map { arguments[$0 + 1] }
    if only == nil {
      ViewsBenchmarks.run(into: &report)
      MetricsBenchmarks.run(into: &report)
      try await ControlPlaneBenchmarks.run(into: &report)
    }
    if only == nil || only == "controller" { try await ControllerBenchmarks.run(into: &report) }
    if only == nil || only == "gateway" { try await GatewayBenchmarks.run(into: &report) }
    if only == nil || only == "console" { try await ConsoleBenchmarks.run(into: &report) }
    if only == nil || only == "logs" { try LogsBenchmarks.run(into: &report) }
    try report.write(to: output)
    print(report.markdown)
  }
}
