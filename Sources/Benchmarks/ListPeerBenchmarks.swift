import Foundation

/// Listing every AICluster as an operator would from a shell: the release `aiconsole get aic -A`
/// against `kubectl get aic -A`, real processes on the same cluster in the same run, each
/// printing the server's Table into a file. Runs alternate the two after one warm-up each (which
/// also fills kubectl's discovery cache, as it is on any operator's machine); the wall time runs
/// from the spawn to the reaping of the process.
enum ListPeerBenchmarks {
  static let runs = 7

  /// The report's rows: wall time and CPU time, kubectl as the peer.
  static func measure(area: String, kubeconfig: String, objects: Int, directory: URL) async throws
    -> [BenchmarkReport.Row]
  {
    let kubectl = PeerTool.kubectl
    guard kubectl.isInstalled else {
      return [.init(area: area, name: "listing", median: "—", p99: "—", target: "—", peer: kubectl.reportMissing())]
    }
    var environment = ProcessInfo.processInfo.environment
    environment["HOME"] = directory.appendingPathComponent("home").path
    let commands: [(name: String, argv: [String])] = [
      ("aiconsole", [ConsoleProcess.binary, "get", "aic", "-A", "--kubeconfig", kubeconfig]),
      ("kubectl", [kubectl.path, "get", "aic", "-A", "--kubeconfig", kubeconfig]),
    ]
    var exits: [String: [ChildProcess.Exit]] = [:]
    for run in 0...runs {
      for command in commands {
        let output = directory.appendingPathComponent("\(command.name).out").path
        let exit = try await ChildProcess.run(
          command.argv, environment: environment, standardOutput: output, standardError: output + ".err")
        // A header and one line per object, or the run measured something else.
        let lines = FollowPeerBenchmarks.lineCount(output)
        guard exit.status == 0, lines == objects + 1 else {
          let error = (try? String(contentsOfFile: output + ".err", encoding: .utf8)) ?? ""
          throw BenchmarkFailure("\(command.name) get exited \(exit.status) with \(lines) lines: \(error.suffix(500))")
        }
        if run > 0 { exits[command.name, default: []].append(exit) }
      }
    }
    return rows(area: area, exits: exits, objects: objects)
  }

  static func rows(area: String, exits: [String: [ChildProcess.Exit]], objects: Int) -> [BenchmarkReport.Row] {
    func sample(_ name: String, _ value: (ChildProcess.Exit) -> Double) -> Sample {
      Sample(values: (exits[name] ?? []).map { value($0) * 1000 })
    }
    let wall = (sample("aiconsole", \.wallSeconds), sample("kubectl", \.wallSeconds))
    let cpu = (sample("aiconsole", \.cpuSeconds), sample("kubectl", \.cpuSeconds))
    let what = "\(ConsoleBenchmarks.grouped(objects)) AIClusters"
    return [
      .init(
        area: area,
        name: "listing: aiconsole get aic -A vs kubectl get aic -A, \(what), wall time (p99: slowest of \(runs))",
        median: String(format: "%.0f ms", wall.0.median), p99: String(format: "%.0f ms", wall.0.percentile(1)),
        target: "faster than kubectl", peer: String(format: "kubectl %.0f ms", wall.1.median),
        ratio: BenchmarkReport.ratio(wall.0.median, wall.1.median), met: wall.0.median < wall.1.median),
      .init(
        area: area, name: "listing: the same, CPU time of the process (user + system)",
        median: String(format: "%.0f ms", cpu.0.median), p99: "—", target: "—",
        peer: String(format: "kubectl %.0f ms", cpu.1.median),
        ratio: BenchmarkReport.ratio(cpu.0.median, cpu.1.median)),
    ]
  }
}
