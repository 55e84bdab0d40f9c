import ClusterClient
import Foundation

/// Listing every AICluster as an operator would from a shell: the release `aiconsole get aic -A`
/// against `kubectl get aic -A`, real processes on the same cluster in the same run, each
/// printing the server's Table into a file. Runs alternate the two after one warm-up each (which
/// also fills the discovery cache they share, as it is on any operator's machine); the wall time
/// runs from the spawn to the reaping of the process. At 10,000 objects it runs inside the scaling
/// suite; at the sizes most clusters have (200 and 2,000), where fixed costs decide, on a cluster
/// of its own (`--only peers`).
enum ListPeerBenchmarks {
  static let runs = 7
  /// Runs at the small sizes, where one run takes tens of milliseconds and the noise is relatively larger.
  static let smallRuns = 15
  static let smallSizes = [200, 2_000]

  /// The comparison at `smallSizes`, on one control plane grown from one size to the next.
  static func run(into report: inout BenchmarkReport) async throws {
    guard FileManager.default.isExecutableFile(atPath: ConsoleProcess.binary) else {
      progress("skipping the listing peers: \(ConsoleProcess.binary) is missing (make bench)")
      return
    }
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "aiconsole-bench-list-\(UUID().uuidString.prefix(6))")
    defer { try? FileManager.default.removeItem(at: directory) }
    let area = GrowingClusterBenchmarks.peersArea
    do {
      let rows = try await ConsoleBenchmarks.withControlPlane(directory: directory) { endpoints, client in
        try await ControlPlaneBenchmarks.createNamespaces(
          client, (0..<GrowingClusterBenchmarks.namespaces).map(GrowingClusterBenchmarks.namespace))
        var rows: [BenchmarkReport.Row] = []
        var created = 0
        for size in smallSizes {
          try await GrowingClusterBenchmarks.grow(client, from: created, to: size)
          created = size
          let peers = directory.appendingPathComponent("peers-\(size)")
          try FileManager.default.createDirectory(at: peers, withIntermediateDirectories: true)
          let load = BenchmarkReport.loadAverage()
          rows += try await measure(
            area: area, kubeconfig: endpoints.kubeconfigPath, objects: size, directory: peers, runs: smallRuns,
            target: 0.5, load: load)
        }
        return rows
      }
      for row in rows { report.add(row) }
      report.note(note, area: area)
    } catch {
      progress("listing peers failed: \(error)")
      report.add(.init(area: area, name: "listing benchmark failed: \(error)", median: "—", p99: "—", target: "—"))
    }
  }

  /// The report's rows: wall time and CPU time, kubectl as the peer.
  /// How the small sizes were run, for the report.
  static let note =
    "Listing at \(smallSizes.map(ConsoleBenchmarks.grouped).joined(separator: " and ")) AIClusters (`aiconsole-bench "
    + "--only peers`): a control plane of its own, grown from one size to the next in "
    + "\(GrowingClusterBenchmarks.namespaces) namespaces; \(smallRuns) runs each, alternating, after a warm-up that "
    + "fills the discovery cache both tools share (kubectl's `~/.kube/cache/discovery/<host_port>/`, six hours' "
    + "TTL); the load average is noted in each row, as other work on the machine moves both tools' times."

  /// `target` is the most of kubectl's median wall time that counts as met (1: faster than kubectl).
  static func measure(
    area: String, kubeconfig: String, objects: Int, directory: URL, runs: Int = runs, target: Double = 1,
    load: String? = nil
  ) async throws -> [BenchmarkReport.Row] {
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
    return rows(area: area, exits: exits, objects: objects, runs: runs, target: target, load: load)
  }

  static func rows(
    area: String, exits: [String: [ChildProcess.Exit]], objects: Int, runs: Int, target: Double, load: String?
  ) -> [BenchmarkReport.Row] {
    func sample(_ name: String, _ value: (ChildProcess.Exit) -> Double) -> Sample {
      Sample(values: (exits[name] ?? []).map { value($0) * 1000 })
    }
    let wall = (sample("aiconsole", \.wallSeconds), sample("kubectl", \.wallSeconds))
    let cpu = (sample("aiconsole", \.cpuSeconds), sample("kubectl", \.cpuSeconds))
    let what = "\(ConsoleBenchmarks.grouped(objects)) AIClusters" + (load.map { ", load \($0)" } ?? "")
    return [
      .init(
        area: area,
        name: "listing: aiconsole get aic -A vs kubectl get aic -A, \(what), wall time (p99: slowest of \(runs))",
        median: String(format: "%.0f ms", wall.0.median), p99: String(format: "%.0f ms", wall.0.percentile(1)),
        target: target < 1 ? String(format: "≤ %.1f× kubectl", target) : "faster than kubectl",
        peer: String(format: "kubectl %.0f ms", wall.1.median),
        ratio: BenchmarkReport.ratio(wall.0.median, wall.1.median), met: wall.0.median < wall.1.median * target),
      .init(
        area: area,
        name: "listing: the same at \(ConsoleBenchmarks.grouped(objects)), CPU time of the process (user + system)",
        median: String(format: "%.0f ms", cpu.0.median), p99: "—", target: "—",
        peer: String(format: "kubectl %.0f ms", cpu.1.median),
        ratio: BenchmarkReport.ratio(cpu.0.median, cpu.1.median)),
    ]
  }
}
