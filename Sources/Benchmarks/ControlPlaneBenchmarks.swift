import ClusterClient
import EmbeddedCluster
import Foundation
import KubeCore
import Logging
import ServiceLifecycle
import Synchronization

/// The control plane's figures: creates per second over one keep-alive connection and from eight
/// clients at once, the time to list 10,000 AIClusters, and write-to-event delay at each of 100 open watches at 500 writes/s.
enum ControlPlaneBenchmarks {
  static let area = "Control plane (aiconsole serve, HTTPS on loopback)"

  static func run(into report: inout BenchmarkReport) async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "aiconsole-bench-\(UUID().uuidString.prefix(6))")
    // The store of 40,000 objects is about 30 MB: a run must not leave it behind.
    defer { try? FileManager.default.removeItem(at: directory) }
    let ready = AsyncStream<ControlPlaneEndpoints>.makeStream()
    let controlPlane = try await ControlPlane(options: .init(stateDirectory: directory), logger: Logger(label: "bench"))
    {
      ready.continuation.yield($0)
    }
    let group = ServiceGroup(configuration: .init(services: [controlPlane], logger: Logger(label: "bench")))
    try await withThrowingTaskGroup(of: Void.self) { tasks in
      tasks.addTask { try await group.run() }
      var iterator = ready.stream.makeAsyncIterator()
      guard let endpoints = await iterator.next() else { return }
      progress("control plane ready at \(endpoints.apiServer)")
      let client = try KubeClient(configuration: try .load(kubeconfig: endpoints.kubeconfigPath, rateLimit: .unlimited))
      try await createNamespaces(client, ["bench-creates", "bench-list", "bench-watch"])
      let configuration = try ClusterConfiguration.load(kubeconfig: endpoints.kubeconfigPath, rateLimit: .unlimited)
      for row in try await createRows(configuration, concurrentClients: 8) { report.add(row) }
      report.add(try await separateServerRow(concurrentClients: 8))
      // AICONSOLE_BENCH_CREATES_ONLY=1: the create rows alone, for rounds that alternate builds.
      if ProcessInfo.processInfo.environment["AICONSOLE_BENCH_CREATES_ONLY"] != "1" {
        report.add(try await listTime(client, count: 10_000))
        report.add(try await ClientBenchmarks.listDecode(client))
        report.add(try await ClientBenchmarks.watchIngest(client))
        report.add(try await watchDelivery(endpoints: endpoints, watchers: 100, writesPerSecond: 500, seconds: 6))
      }
      try await client.shutdown()
      await group.triggerGracefulShutdown()
      try await tasks.waitForAll()
    }
  }

  static func createNamespaces(_ client: KubeClient, _ names: [String]) async throws {
    for name in names {
      _ = try await client.json(
        .POST, "/api/v1/namespaces",
        body: ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(name)]])
    }
  }

  static func aiCluster(_ name: String, annotations: JSONValue = .emptyObject) -> [UInt8] {
    let object: JSONValue = [
      "apiVersion": "ai.aiconsole.dev/v1", "kind": "AICluster",
      "metadata": ["name": .string(name), "annotations": annotations],
      "spec": ["replicas": 2, "modelName": "llama-3-8b", "modelVersion": "v1", "image": "vllm/vllm-openai:v0.6.0"],
    ]
    return object.serialized()
  }

  /// Creates per second over one keep-alive connection, and with `concurrentClients` clients at
  /// once (each its own connection, each sending its next create when the last is answered), the
  /// case group commit serves: concurrent writes share one SQLite transaction. Each row also says
  /// the CPU a create cost this process (client and server together).
  static func createRows(_ configuration: ClusterConfiguration, concurrentClients: Int) async throws
    -> [BenchmarkReport.Row]
  {
    progress("creates, one client…")
    let single = try await createRates(configuration, clients: 1, perClient: 1000, prefix: "s")
    progress("creates, \(concurrentClients) clients…")
    let many = try await createRates(configuration, clients: concurrentClients, perClient: 500, prefix: "m")
    return [
      .init(
        area: area, name: "creates/s, one keep-alive connection (AICluster, admission included)",
        median: String(format: "%.0f/s", single.rate.median), p99: "—", target: "≥ 2000/s",
        peer: String(format: "%.0f µs CPU a create, ", single.microseconds) + loadAverage(),
        met: single.rate.median >= 2000),
      .init(
        area: area,
        name: "creates/s, \(concurrentClients) clients at once, one connection each (group commit)",
        median: String(format: "%.0f/s", many.rate.median), p99: "—", target: "≥ 5000/s",
        peer: String(format: "1 client %.0f/s; %.0f µs CPU a create", single.rate.median, many.microseconds),
        ratio: String(format: "%.2f×", many.rate.median / single.rate.median), met: many.rate.median >= 5000),
    ]
  }

  /// Creates per second over the measured rounds, and the CPU they cost.
  struct CreateRun {
    var rate: Sample
    /// CPU seconds this process spent over the measured rounds.
    var clientCPU: Double
    /// CPU seconds the server's process spent over them (nil: the server runs in this process).
    var serverCPU: Double?
    var creates: Int

    /// Microseconds of CPU a create cost this process.
    var microseconds: Double { clientCPU / Double(creates) * 1e6 }
  }

  /// Six rounds of `clients` × `perClient` creates (the first a warm-up), as creates per second,
  /// with the CPU time of this process (and of `server`, when it runs apart) over the five
  /// measured rounds.
  static func createRates(
    _ configuration: ClusterConfiguration, clients: Int, perClient: Int, prefix: String,
    server: ProcessSampler? = nil
  ) async throws -> CreateRun {
    let path = "/apis/ai.aiconsole.dev/v1/namespaces/bench-creates/aiclusters"
    let senders = try (0..<clients).map { _ in try KubeClient(configuration: configuration) }
    let own = ProcessSampler(pid: getpid())
    var rates: [Double] = []
    var cpuStart: (own: Double?, server: Double?) = (nil, nil)
    for run in 0..<6 {
      if run == 1 { cpuStart = (own.cpuSeconds(), server?.cpuSeconds()) }
      let start = ContinuousClock.now
      try await withThrowingTaskGroup(of: Void.self) { group in
        for (number, sender) in senders.enumerated() {
          group.addTask {
            for index in 0..<perClient {
              let (status, body) = try await sender.send(
                .POST, path, body: aiCluster("\(prefix)\(run)-\(number)-\(index)"))
              guard status == 201 else { throw BenchmarkFailure(String(decoding: body, as: UTF8.self)) }
            }
          }
        }
        try await group.waitForAll()
      }
      let seconds = (ContinuousClock.now - start).seconds
      if run > 0 { rates.append(Double(clients * perClient) / seconds) }
    }
    let ownCPU = (own.cpuSeconds() ?? 0) - (cpuStart.own ?? 0)
    let serverCPU = server.flatMap { sampler in
      sampler.cpuSeconds().map { $0 - (cpuStart.server ?? 0) }
    }
    for sender in senders { try await sender.shutdown() }
    return CreateRun(
      rate: Sample(values: rates), clientCPU: ownCPU, serverCPU: serverCPU, creates: 5 * clients * perClient)
  }

  /// The same eight-client creates against `aiconsole serve` (release, no controller or gateway)
  /// in a process of its own, as real clients reach it: each side's CPU a create says where the
  /// in-process figure's time goes, and whether the bench's client is what limits it.
  static func separateServerRow(concurrentClients: Int) async throws -> BenchmarkReport.Row {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "aiconsole-bench-serve-\(UUID().uuidString.prefix(6))")
    defer { try? FileManager.default.removeItem(at: directory) }
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let output = directory.appendingPathComponent("serve.out").path
    // AICONSOLE_BENCH_SERVE: another build's binary, to compare servers under the same client.
    let binary = ProcessInfo.processInfo.environment["AICONSOLE_BENCH_SERVE"] ?? ConsoleProcess.binary
    let server = try ChildProcess.spawn(
      [
        binary, "serve", "--state-dir", directory.appendingPathComponent("state").path, "--no-controller",
        "--no-gateway",
      ],
      standardOutput: output, standardError: directory.appendingPathComponent("serve.err").path)
    let run: CreateRun
    do {
      let clock = ContinuousClock()
      let deadline = clock.now.advanced(by: .seconds(60))
      while !(FileManager.default.contents(atPath: output).map { String(decoding: $0, as: UTF8.self) } ?? "")
        .contains("ready")
      {
        guard !server.hasExited, clock.now < deadline else { throw BenchmarkFailure("aiconsole serve did not start") }
        try await Task.sleep(for: .milliseconds(50))
      }
      let kubeconfig = directory.appendingPathComponent("state/kubeconfig").path
      let client = try KubeClient(configuration: try .load(kubeconfig: kubeconfig, rateLimit: .unlimited))
      try await createNamespaces(client, ["bench-creates"])
      try await client.shutdown()
      progress("creates, \(concurrentClients) clients, server in its own process…")
      run = try await createRates(
        try .load(kubeconfig: kubeconfig, rateLimit: .unlimited), clients: concurrentClients, perClient: 500,
        prefix: "p", server: ProcessSampler(pid: server.pid))
    } catch {
      _ = await server.stop()
      throw error
    }
    _ = await server.stop()
    let serverMicroseconds = (run.serverCPU ?? 0) / Double(run.creates) * 1e6
    return .init(
      area: area,
      name: "creates/s, \(concurrentClients) clients, server in its own process (release aiconsole serve)",
      median: String(format: "%.0f/s", run.rate.median), p99: "—", target: "≥ 5000/s",
      peer: String(format: "CPU a create: server %.0f µs, client %.0f µs; ", serverMicroseconds, run.microseconds)
        + loadAverage(),
      met: run.rate.median >= 5000)
  }

  /// The machine's 1-minute load average, as a row notes it.
  static func loadAverage() -> String {
    var loads = [Double](repeating: 0, count: 3)
    guard getloadavg(&loads, 3) > 0 else { return "load unknown" }
    return String(format: "load %.1f", loads[0])
  }

  static func listTime(_ client: KubeClient, count: Int) async throws -> BenchmarkReport.Row {
    let path = "/apis/ai.aiconsole.dev/v1/namespaces/bench-list/aiclusters"
    progress("creating \(count) AIClusters to list…")
    try await withThrowingTaskGroup(of: Void.self) { group in
      for worker in 0..<4 {
        group.addTask {
          for index in stride(from: worker, to: count, by: 4) {
            _ = try await client.send(.POST, path, body: aiCluster("l\(index)"))
          }
        }
      }
      try await group.waitForAll()
    }
    var times: [Double] = []
    for run in 0..<12 {
      let start = ContinuousClock.now
      let (status, body) = try await client.send(.GET, path)
      let elapsed = (ContinuousClock.now - start).seconds * 1000
      guard status == 200, body.count > count * 100 else { throw BenchmarkFailure("list answered \(status)") }
      if run > 1 { times.append(elapsed) }
    }
    let sample = Sample(values: times)
    return .init(
      area: area, name: "list 10,000 AIClusters (full body received)", median: String(format: "%.1f ms", sample.median),
      p99: String(format: "%.1f ms", sample.p99), target: "< 250 ms", met: sample.median < 250)
  }

  static func watchDelivery(endpoints: ControlPlaneEndpoints, watchers: Int, writesPerSecond: Int, seconds: Int)
    async throws -> BenchmarkReport.Row
  {
    let configuration = try ClusterConfiguration.load(kubeconfig: endpoints.kubeconfigPath, rateLimit: .unlimited)
    let path = "/apis/ai.aiconsole.dev/v1/namespaces/bench-watch/aiclusters"
    let writer = try KubeClient(configuration: configuration)
    let (_, list) = try await writer.send(.GET, path)
    let revision = try JSONParser.parse(list)[path: ["metadata", "resourceVersion"]]?.stringValue ?? "0"
    let delays = SharedSamples()
    let total = writesPerSecond * seconds
    let readers = try (0..<watchers).map { _ in try KubeClient(configuration: configuration) }
    try await withThrowingTaskGroup(of: Void.self) { group in
      for reader in readers {
        let lines = try await reader.lines(path + "?watch=true&resourceVersion=\(revision)")
        group.addTask {
          var received = 0
          for try await line in lines {
            if let sent = sentTime(line) {
              delays.append(Double(DispatchTime.now().uptimeNanoseconds - sent) / 1e6)
            }
            received += 1
            if received == total { return }
          }
        }
      }
      try await paceWrites(writer, path: path, total: total, perSecond: writesPerSecond)
      try await group.waitForAll()
    }
    for reader in readers { try await reader.shutdown() }
    try await writer.shutdown()
    let sample = Sample(values: delays.values)
    return .init(
      area: area,
      name:
        "write→event delay at each of \(watchers) watches, \(writesPerSecond) writes/s (\(sample.values.count) events)",
      median: String(format: "%.2f ms", sample.median), p99: String(format: "%.2f ms", sample.p99),
      target: "p99 < 25 ms",
      met: sample.p99 < 25)
  }

  static func paceWrites(_ client: KubeClient, path: String, total: Int, perSecond: Int) async throws {
    let clock = ContinuousClock()
    let start = clock.now
    let interval = Duration.seconds(1) / perSecond
    try await withThrowingTaskGroup(of: Void.self) { group in
      for lane in 0..<2 {
        group.addTask {
          for index in stride(from: lane, to: total, by: 2) {
            try await clock.sleep(until: start.advanced(by: interval * index))
            let annotations: JSONValue = ["bench/sent": .string(String(DispatchTime.now().uptimeNanoseconds))]
            _ = try await client.send(.POST, path, body: aiCluster("w\(index)", annotations: annotations))
          }
        }
      }
      try await group.waitForAll()
    }
  }

  private static let marker = Array(#""bench/sent":""#.utf8)

  static func sentTime(_ line: [UInt8]) -> UInt64? {
    guard let start = ByteSearch.end(of: marker, in: line) else { return nil }
    var value: UInt64 = 0
    var index = start
    while index < line.count, (48...57).contains(line[index]) {
      value = value * 10 + UInt64(line[index] - 48)
      index += 1
    }
    return value
  }
}

/// Samples appended from many tasks.
final class SharedSamples: Sendable {
  private let storage = Mutex<[Double]>([])

  func append(_ value: Double) { storage.withLock { $0.append(value) } }
  var values: [Double] { storage.withLock { $0 } }
}

struct BenchmarkFailure: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
