import ClusterClient
import EmbeddedCluster
import Foundation
import KubeCore

/// One in-process API server grown from 1,000 to 10,000, 50,000 and 100,000 AIClusters (API
/// server only: no controller touches them). At each size: the server's list time, in one GET and
/// in pages, and the console's launch to its first rows and to its first synced frame, for the
/// scaling curves; at 10,000 also the peers on the same data: `aiconsole get` against `kubectl
/// get`, and the informer against `kubectl get -w` following 1,000 changes a second; at 100,000
/// the console under 1,000 changes a second (keys, CPU, memory), as `ConsoleBenchmarks` measures
/// it at 10,000.
enum GrowingClusterBenchmarks {
  static let peersArea = "Peers (real processes on the same cluster and data, in the same run)"
  static let listArea = "Scaling: API server list (every AICluster, one GET, full body received)"
  static let pagedArea =
    "Scaling: API server paged list (every AICluster in pages of 500, as informers and kubectl list)"
  static let frameArea = "Scaling: console launch → first synced frame (release aiconsole in tmux 200x50, no writes)"
  static let loadArea = "Console at 100,000 AIClusters (release aiconsole in tmux 200x50; 1,000 changes/s)"
  /// `AICONSOLE_BENCH_SIZES=1000,100000` measures only those sizes (no peers without 10,000), for a
  /// quick look at one end of the curve.
  static let sizes =
    ProcessInfo.processInfo.environment["AICONSOLE_BENCH_SIZES"].map {
      $0.split(separator: ",").compactMap { Int($0) }.sorted()
    } ?? [1_000, 10_000, 50_000, 100_000]
  /// The size the console is measured at under a flow of changes.
  static let loadSize = 100_000
  /// Launches under load at `loadSize`: each takes about 30 s (sync, 10 s of keys, two 10 s CPU
  /// windows).
  static let loadLaunches = 2
  /// The size the peers are compared at.
  static let peerSize = 10_000
  static let namespaces = 4
  /// List runs per size, after warm-ups: a single GET at 1,000 objects takes about a
  /// millisecond, so it needs many runs to stand out of the noise.
  static let listRuns = 20
  static let pagedRuns = 5
  /// Console launches per size.
  static let launches = 3
  /// The pace of changes the followers follow.
  static let changesPerSecond = 1_000

  /// What the suite measured, handed out of the control plane's scope.
  struct Outcome: Sendable {
    var rows: [BenchmarkReport.Row] = []
    var notes: [(area: String, text: String)] = []
  }

  /// Runs the suite, or says why it cannot; a failure becomes a row, not a lost report.
  static func run(into report: inout BenchmarkReport) async throws {
    guard TmuxServer.binary != nil, FileManager.default.isExecutableFile(atPath: ConsoleProcess.binary) else {
      progress("skipping the scaling and peer benchmarks: tmux or \(ConsoleProcess.binary) is missing (make bench)")
      return
    }
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "aiconsole-bench-growing-\(UUID().uuidString.prefix(6))")
    defer { try? FileManager.default.removeItem(at: directory) }
    do {
      let outcome = try await ConsoleBenchmarks.withControlPlane(directory: directory) { endpoints, client in
        try await measure(kubeconfig: endpoints.kubeconfigPath, client: client, directory: directory)
      }
      for row in outcome.rows { report.add(row) }
      for note in outcome.notes { report.note(note.text, area: note.area) }
    } catch {
      progress("scaling and peer benchmarks failed: \(error)")
      report.add(.init(area: peersArea, name: "benchmark failed: \(error)", median: "—", p99: "—", target: "—"))
    }
  }

  /// Grows the cluster size by size, measuring at each.
  static func measure(kubeconfig: String, client: KubeClient, directory: URL) async throws -> Outcome {
    try await ControlPlaneBenchmarks.createNamespaces(client, (0..<namespaces).map(namespace))
    var list = ScalingCurve(area: listArea, what: "list every AICluster", showsP99: true)
    var paged = ScalingCurve(area: pagedArea, what: "list every AICluster in pages of 500", showsP99: false)
    var frame = ScalingCurve(area: frameArea, what: "launch → synced list", showsP99: false)
    var firstRows = ScalingCurve(area: frameArea, what: "launch → first rows on screen", showsP99: false)
    var outcome = Outcome()
    var created = 0
    for size in sizes {
      try await grow(client, from: created, to: size)
      created = size
      let timer = ServerListTimer(client: client, objects: size)
      list.add(objects: size, sample: try await timer.whole(runs: listRuns))
      paged.add(objects: size, sample: try await timer.paged(runs: pagedRuns))
      let console = try await syncedTimes(kubeconfig: kubeconfig, rows: size, directory: directory)
      frame.add(objects: size, sample: console.synced)
      firstRows.add(objects: size, sample: console.firstRow)
      if size == loadSize {
        // A console that cannot keep up must not cost the report the curves measured so far.
        do {
          outcome.rows += try await underLoad(kubeconfig: kubeconfig, client: client, size: size, directory: directory)
        } catch {
          progress("console under load at \(size) failed: \(error)")
          outcome.rows.append(
            .init(area: loadArea, name: "benchmark failed: \(error)", median: "—", p99: "—", target: "—"))
        }
      }
      guard size == peerSize else { continue }
      let peers = directory.appendingPathComponent("peers")
      try FileManager.default.createDirectory(at: peers, withIntermediateDirectories: true)
      outcome.rows += try await ListPeerBenchmarks.measure(
        area: peersArea, kubeconfig: kubeconfig, objects: size, directory: peers)
      let writer = ChangeWriter(client: client, paths: (0..<size).map(path).shuffled(), perSecond: changesPerSecond)
      outcome.rows += try await FollowPeerBenchmarks.measure(
        area: peersArea, kubeconfig: kubeconfig, objects: size, writer: writer, directory: peers)
    }
    outcome.rows += list.rows + paged.rows + firstRows.rows + frame.rows
    outcome.notes = [(peersArea, await peersNote)] + [list, paged, firstRows, frame].map { ($0.area, $0.verdict) }
    return outcome
  }

  /// The console at `size` objects while a writer changes them 1,000 times a second: launch,
  /// keys, CPU and memory, `loadLaunches` times; the rows `ConsoleBenchmarks` reports.
  static func underLoad(kubeconfig: String, client: KubeClient, size: Int, directory: URL) async throws
    -> [BenchmarkReport.Row]
  {
    let writer = ChangeWriter(client: client, paths: (0..<size).map(path).shuffled(), perSecond: changesPerSecond)
    var launches: [ConsoleBenchmarks.LaunchFigures] = []
    for number in 0..<loadLaunches {
      let launchDirectory = directory.appendingPathComponent("loaded-\(size)-\(number)")
      try FileManager.default.createDirectory(at: launchDirectory, withIntermediateDirectories: true)
      let launch = try await ConsoleBenchmarks.measureLaunch(
        kubeconfig: kubeconfig, writer: writer, rows: size, in: launchDirectory)
      progress(launch.summary(number))
      launches.append(launch)
    }
    var report = BenchmarkReport()
    ConsoleBenchmarks.add(launches, objects: size, area: loadArea, memoryTargetMB: 400, to: &report)
    return report.rows
  }

  /// How the peers were run, for the report.
  static var peersNote: String {
    get async {
      "One in-process API server (as `aiconsole serve` runs it) holding \(ConsoleBenchmarks.grouped(peerSize)) "
        + "AIClusters in \(namespaces) namespaces; the release `aiconsole` and `\(await PeerTool.kubectl.version())` "
        + "(/usr/bin/kubectl) run as processes with the same kubeconfig and a warm discovery cache. Listing: "
        + "\(ListPeerBenchmarks.runs) runs each, alternating, after a warm-up; each prints the server's Table into a "
        + "file, checked to hold every object. Following: the informer (ClusterClient's `Informer`, as the console "
        + "runs it, in a process of its own that prints a line per event) and `kubectl get aic -A -w -o name`, "
        + "\(FollowPeerBenchmarks.rounds) rounds each, alternating, each sampled for "
        + "\(Int(FollowPeerBenchmarks.window.seconds)) s after its first list, while merge patches change the "
        + "objects \(ConsoleBenchmarks.grouped(changesPerSecond)) times a second; events counted from their output, "
        + "CPU from /proc."
    }
  }

  static func namespace(_ index: Int) -> String { "bench-scale-\(index % namespaces)" }

  static func path(_ index: Int) -> String {
    "/apis/ai.aiconsole.dev/v1/namespaces/\(namespace(index))/aiclusters/s\(index)"
  }

  /// Creates AIClusters `from..<to`, four requests at a time, spread over the namespaces.
  static func grow(_ client: KubeClient, from: Int, to: Int) async throws {
    progress("growing the cluster to \(to) AIClusters…")
    try await withThrowingTaskGroup(of: Void.self) { group in
      for worker in 0..<4 {
        group.addTask {
          for index in stride(from: from + worker, to: to, by: 4) {
            let collection = "/apis/ai.aiconsole.dev/v1/namespaces/\(namespace(index))/aiclusters"
            let (status, body) = try await client.send(
              .POST, collection, body: ControlPlaneBenchmarks.aiCluster("s\(index)"))
            guard status == 201 else { throw BenchmarkFailure(String(decoding: body, as: UTF8.self)) }
          }
        }
      }
      try await group.waitForAll()
    }
  }

  /// Milliseconds from launching the console to its first frame listing `rows` rows synced, and
  /// to its first frame listing any row.
  static func syncedTimes(kubeconfig: String, rows: Int, directory: URL) async throws -> (
    synced: Sample, firstRow: Sample
  ) {
    var synced: [Double] = []
    var firstRow: [Double] = []
    for number in 0..<launches {
      let launchDirectory = directory.appendingPathComponent("console-\(rows)-\(number)")
      try FileManager.default.createDirectory(at: launchDirectory, withIntermediateDirectories: true)
      let launchedMs = Date().timeIntervalSince1970 * 1000
      let console = try await ConsoleProcess.launch(kubeconfig: kubeconfig, directory: launchDirectory)
      do {
        let trace = try await ConsoleBenchmarks.waitForSyncedList(console, rows: rows)
        synced.append((trace.firstSynced(rows: rows)?.wallMs ?? .nan) - launchedMs)
        firstRow.append((trace.firstWithRows?.wallMs ?? .nan) - launchedMs)
        await console.stop()
      } catch {
        await console.stop()
        throw error
      }
    }
    return (Sample(values: synced), Sample(values: firstRow))
  }
}
