import ClusterClient
import EmbeddedCluster
import Foundation
import KubeCore
import Logging
import ServiceLifecycle

/// The console's figures under load, measured from outside on the release binary: an in-process
/// API server holds 10,000 AIClusters and a writer changes them 1,000 times a second while the
/// console is launched in tmux (200x50) several times; the frame trace it writes gives
/// launch-to-first-frame, launch-to-synced and key-to-frame times, and /proc gives its CPU and memory.
enum ConsoleBenchmarks {
  /// The report section.
  static let area = "Console (release aiconsole in tmux 200x50; 10,000 AIClusters; 1,000 changes/s)"
  /// AIClusters listed, spread over this many namespaces.
  static let objects = 10_000
  static let namespaces = 4
  /// The writer's pace.
  static let changesPerSecond = 1_000
  /// Launches measured; each figure is their median.
  static let launches = 3

  /// Runs the suite and then the kinds suite (`ConsoleKindsBenchmarks`), or says why it cannot and
  /// adds nothing. `AICONSOLE_BENCH_CONSOLE=kinds` runs the kinds suite alone, `list` this one alone.
  static func run(into report: inout BenchmarkReport) async throws {
    let only = ProcessInfo.processInfo.environment["AICONSOLE_BENCH_CONSOLE"]
    if only != "kinds" { try await runList(into: &report) }
    if only != "list" { try await ConsoleKindsBenchmarks.run(into: &report) }
  }

  /// The list under a flow of changes: launch, keys, CPU and memory.
  static func runList(into report: inout BenchmarkReport) async throws {
    guard TmuxServer.binary != nil else {
      progress("skipping the console benchmark: tmux is missing (make deps installs it)")
      return
    }
    guard FileManager.default.isExecutableFile(atPath: ConsoleProcess.binary) else {
      progress("skipping the console benchmark: \(ConsoleProcess.binary) is missing (make bench builds it)")
      return
    }
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "aiconsole-bench-console-\(UUID().uuidString.prefix(6))")
    defer { try? FileManager.default.removeItem(at: directory) }
    do {
      let figures = try await withControlPlane(directory: directory) { endpoints, client in
        try await measure(endpoints: endpoints, client: client, directory: directory)
      }
      add(figures, to: &report)
    } catch {
      // One failed suite should not cost the report the figures the others measured.
      progress("console benchmark failed: \(error)")
      report.add(.init(area: area, name: "console benchmark failed: \(error)", median: "—", p99: "—", target: "—"))
    }
  }

  /// Seeds the objects, then launches the console `launches` times while the writer runs.
  static func measure(endpoints: ControlPlaneEndpoints, client: KubeClient, directory: URL) async throws
    -> [LaunchFigures]
  {
    let paths = try await seed(client)
    let writer = ChangeWriter(client: client, paths: paths.shuffled(), perSecond: changesPerSecond)
    var figures: [LaunchFigures] = []
    for number in 0..<launches {
      let launchDirectory = directory.appendingPathComponent("launch-\(number)")
      try FileManager.default.createDirectory(at: launchDirectory, withIntermediateDirectories: true)
      let launch = try await measureLaunch(kubeconfig: endpoints.kubeconfigPath, writer: writer, in: launchDirectory)
      progress(launch.summary(number))
      figures.append(launch)
    }
    return figures
  }

  /// Runs `body` against a fresh in-process control plane (API server only: no controller would
  /// touch the objects), then stops it gracefully.
  static func withControlPlane<Result: Sendable>(
    directory: URL, _ body: @Sendable (ControlPlaneEndpoints, KubeClient) async throws -> Result
  ) async throws -> Result {
    let ready = AsyncStream<ControlPlaneEndpoints>.makeStream()
    var logger = Logger(label: "bench")
    logger.logLevel = .error
    let controlPlane = try await ControlPlane(
      options: .init(stateDirectory: directory.appendingPathComponent("state")), logger: logger
    ) { ready.continuation.yield($0) }
    let group = ServiceGroup(configuration: .init(services: [controlPlane], logger: logger))
    return try await withThrowingTaskGroup(of: Void.self) { tasks in
      tasks.addTask { try await group.run() }
      var iterator = ready.stream.makeAsyncIterator()
      guard let endpoints = await iterator.next() else { throw BenchmarkFailure("the control plane did not start") }
      let client = try KubeClient(configuration: try .load(kubeconfig: endpoints.kubeconfigPath, rateLimit: .unlimited))
      let result: Result
      do {
        result = try await body(endpoints, client)
      } catch {
        try? await client.shutdown()
        await group.triggerGracefulShutdown()
        throw error
      }
      try await client.shutdown()
      await group.triggerGracefulShutdown()
      try await tasks.waitForAll()
      return result
    }
  }

  /// Creates the namespaces and the AIClusters (four requests at a time); returns their paths.
  static func seed(_ client: KubeClient) async throws -> [String] {
    let names = (0..<namespaces).map { "bench-console-\($0)" }
    try await ControlPlaneBenchmarks.createNamespaces(client, names)
    let paths = (0..<objects).map { "/apis/ai.aiconsole.dev/v1/namespaces/\(names[$0 % namespaces])/aiclusters/c\($0)" }
    progress("creating \(objects) AIClusters for the console…")
    try await withThrowingTaskGroup(of: Void.self) { group in
      for worker in 0..<4 {
        group.addTask {
          for index in stride(from: worker, to: objects, by: 4) {
            let collection = "/apis/ai.aiconsole.dev/v1/namespaces/\(names[index % namespaces])/aiclusters"
            let (status, body) = try await client.send(
              .POST, collection, body: ControlPlaneBenchmarks.aiCluster("c\(index)"))
            guard status == 201 else { throw BenchmarkFailure(String(decoding: body, as: UTF8.self)) }
          }
        }
      }
      try await group.waitForAll()
    }
    return paths
  }
}
