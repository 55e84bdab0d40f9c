import Foundation

/// Following a stream of changes: the console's informer (`InformerFollower`, its own process)
/// against `kubectl get aic -A -w -o name`, on the same cluster while the same writer changes its
/// AIClusters 1,000 times a second. Each follower is started, lets its first list arrive, then
/// is sampled for `window`: lines it wrote (one per event) and CPU it used, from /proc. Rounds
/// alternate the two, so that drift on a noisy machine hits both alike.
enum FollowPeerBenchmarks {
  /// What one follower measured in one round.
  struct Figures: Sendable {
    var eventsPerSecond: Double
    var cpuPercent: Double
  }

  static let rounds = 3
  static let window = Duration.seconds(8)
  /// Time for the backlog of changes made while the first list was read to drain.
  static let settle = Duration.seconds(1)

  /// Runs the rounds while `writer` runs; returns the report's rows.
  static func measure(
    area: String, kubeconfig: String, objects: Int, writer: ChangeWriter, directory: URL
  ) async throws -> [BenchmarkReport.Row] {
    let kubectl = PeerTool.kubectl
    guard kubectl.isInstalled else {
      return [.init(area: area, name: "following", median: "—", p99: "—", target: "—", peer: kubectl.reportMissing())]
    }
    let home = directory.appendingPathComponent("home").path
    let followers: [(name: String, argv: [String])] = [
      ("informer", InformerFollower.argv(kubeconfig: kubeconfig)),
      ("kubectl", [kubectl.path, "get", "aic", "-A", "-w", "-o", "name", "--kubeconfig", kubeconfig]),
    ]
    var figures: [String: [Figures]] = [:]
    let outcome = try await withThrowingTaskGroup(of: ChangeWriter.Outcome.self) { group in
      group.addTask { await writer.run() }
      try await Task.sleep(for: .seconds(1))
      for round in 0..<rounds {
        for follower in followers {
          let output = directory.appendingPathComponent("\(follower.name)-\(round).out").path
          let measured = try await follow(follower.argv, home: home, objects: objects, output: output)
          progress(
            String(
              format: "follow round %d %@: %.0f events/s, CPU %.1f%%", round, follower.name,
              measured.eventsPerSecond, measured.cpuPercent))
          figures[follower.name, default: []].append(measured)
        }
      }
      group.cancelAll()
      return try await group.next() ?? ChangeWriter.Outcome(accepted: 0, failed: 0, seconds: 0)
    }
    return rows(area: area, figures: figures, objects: objects, outcome: outcome, offered: writer.perSecond)
  }

  /// One follower: start, wait for its first list, sample, stop.
  static func follow(_ argv: [String], home: String, objects: Int, output: String) async throws -> Figures {
    var environment = ProcessInfo.processInfo.environment
    environment["HOME"] = home
    let child = try ChildProcess.spawn(
      argv, environment: environment, standardOutput: output, standardError: output + ".err")
    let figures: Figures
    do {
      try await waitForLines(objects, in: output, child: child)
      try await Task.sleep(for: settle)
      figures = try await sample(child, output: output)
    } catch {
      _ = await child.stop()
      throw error
    }
    _ = await child.stop()
    return figures
  }

  /// Lines written and CPU used over `window`, while the follower runs.
  static func sample(_ child: ChildProcess, output: String) async throws -> Figures {
    let sampler = ProcessSampler(pid: child.pid)
    let clock = ContinuousClock()
    let (linesBefore, cpuBefore, start) = (lineCount(output), sampler.cpuSeconds(), clock.now)
    try await clock.sleep(for: window)
    let (linesAfter, cpuAfter, seconds) = (lineCount(output), sampler.cpuSeconds(), (clock.now - start).seconds)
    guard let cpuBefore, let cpuAfter, !child.hasExited else {
      throw BenchmarkFailure("the follower \(child.pid) exited while sampled")
    }
    return Figures(
      eventsPerSecond: Double(linesAfter - linesBefore) / seconds, cpuPercent: (cpuAfter - cpuBefore) / seconds * 100)
  }

  /// Polls until the follower has written a line for each object of its first list.
  static func waitForLines(_ count: Int, in path: String, child: ChildProcess) async throws {
    for _ in 0..<1200 {
      if lineCount(path) >= count { return }
      if child.hasExited { break }
      try await Task.sleep(for: .milliseconds(50))
    }
    let error = (try? String(contentsOfFile: path + ".err", encoding: .utf8)) ?? ""
    throw BenchmarkFailure("the follower listed \(lineCount(path)) of \(count) objects: \(error.suffix(500))")
  }

  /// Newlines in the file so far.
  static func lineCount(_ path: String) -> Int {
    guard let data = FileManager.default.contents(atPath: path) else { return 0 }
    return data.reduce(0) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
  }

  /// Events per second and CPU, each the median over the rounds, kubectl as the peer.
  static func rows(
    area: String, figures: [String: [Figures]], objects: Int, outcome: ChangeWriter.Outcome, offered: Int
  ) -> [BenchmarkReport.Row] {
    func median(_ name: String, _ value: (Figures) -> Double) -> Double {
      Sample(values: (figures[name] ?? []).map(value)).median
    }
    let events = (median("informer", \.eventsPerSecond), median("kubectl", \.eventsPerSecond))
    let cpu = (median("informer", \.cpuPercent), median("kubectl", \.cpuPercent))
    let scope =
      "\(ConsoleBenchmarks.grouped(offered)) changes/s offered over \(ConsoleBenchmarks.grouped(objects)) AIClusters"
    return [
      .init(
        area: area,
        name: String(
          format: "following: events received/s, informer vs kubectl -w -o name (%@; writer achieved %.0f/s)", scope,
          outcome.rate),
        median: String(format: "%.0f/s", events.0), p99: "—", target: "≥ 99% of kubectl's",
        peer: String(format: "kubectl %.0f/s", events.1), ratio: BenchmarkReport.ratio(events.0, events.1),
        met: events.0 >= events.1 * 0.99),
      .init(
        area: area, name: "following: CPU, % of one core, over the same \(Int(window.seconds)) s windows",
        median: String(format: "%.1f%%", cpu.0), p99: "—", target: "≤ kubectl's",
        peer: String(format: "kubectl %.1f%%", cpu.1), ratio: BenchmarkReport.ratio(cpu.0, cpu.1),
        met: cpu.0 <= cpu.1),
    ]
  }
}
