import ClusterClient
import ClusterTestSupport
import Foundation
import KubeCore
import Synchronization
import Testing

/// The API server under a steady stream of creates with many watchers (and, in the soak, the
/// console) attached: every acknowledged write reaches every watcher, and how long it took.
/// `make test` runs a short load; `make soak` (AICONSOLE_SOAK=1) the full 1,000 writes/s with 50
/// watchers and the console for 60 s, writing its figures where AICONSOLE_RELIABILITY_REPORT says.
@Suite("API server under write load", .timeLimit(.minutes(10))) struct WriteLoadTests {
  struct Load {
    var rate: Double
    var seconds: Double
    var watchers: Int
    var console: Bool

    static var current: Load {
      ProcessInfo.processInfo.environment["AICONSOLE_SOAK"] == "1"
        ? Load(rate: 1000, seconds: 60, watchers: 50, console: Tmux.isAvailable)
        : Load(rate: 200, seconds: 8, watchers: 10, console: false)
    }
  }

  static let aiclusters = APIResource(
    group: "ai.aiconsole.dev", version: "v1", name: "aiclusters", kind: "AICluster", namespaced: true)

  /// What one watcher saw: names and delivery delays in milliseconds.
  final class Seen: Sendable {
    private let state = Mutex<(names: Set<String>, delays: [Double])>(([], []))
    func add(_ name: String, delay: Double) {
      state.withLock {
        $0.names.insert(name); $0.delays.append(delay)
      }
    }
    var names: Set<String> { state.withLock { $0.names } }
    var delays: [Double] { state.withLock { $0.delays } }
  }

  @Test func everyAcknowledgedWriteReachesEveryWatcher() async throws {
    let load = Load.current
    let directory = ServeProcess.temporaryDirectory("write-load")
    let server = ServeProcess(stateDirectory: directory, arguments: ["--no-controller", "--no-gateway"])
    try server.start()
    defer { server.stop() }
    let configuration = try ClusterConfiguration.load(kubeconfig: server.kubeconfig, rateLimit: .unlimited)
    let writer = try KubeClient(configuration: configuration)
    _ = try await writer.create(
      APIResource(group: "", version: "v1", name: "namespaces", kind: "Namespace", namespaced: false),
      ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "load"]])
    let start = try await writer.list(Self.aiclusters, namespace: "load").resourceVersion
    let console = load.console ? try Self.attachConsole(kubeconfig: server.kubeconfig) : nil
    defer { console?.kill() }

    let seen = (0..<load.watchers).map { _ in Seen() }
    var watchers: [Task<Void, Never>] = []
    var clients: [KubeClient] = []
    for watcher in seen {
      let client = try KubeClient(configuration: configuration)
      clients.append(client)
      let stream = try await client.watch(
        Self.aiclusters, namespace: "load", options: ListOptions(resourceVersion: start))
      watchers.append(
        Task {
          do {
            for try await event in stream where event.kind == .added {
              let sent = event.object[path: ["metadata", "annotations", "sent"]]?.stringValue.flatMap(Double.init) ?? 0
              let name = event.object[path: ["metadata", "name"]]?.stringValue ?? ""
              watcher.add(name, delay: (Date().timeIntervalSince1970 - sent) * 1000)
            }
          } catch {}
        })
    }

    let began = ContinuousClock.now
    let acknowledged = try await Self.write(load, with: writer)
    let writing = ContinuousClock.now - began
    let deadline = ContinuousClock.now + .seconds(60)
    while ContinuousClock.now < deadline, !seen.allSatisfy({ $0.names.isSuperset(of: acknowledged) }) {
      try await Task.sleep(for: .milliseconds(100))
    }
    for task in watchers { task.cancel() }
    let lost = seen.map { acknowledged.subtracting($0.names).count }.reduce(0, +)
    let delays = seen.flatMap(\.delays).sorted()
    let achieved = Double(acknowledged.count) / writing.seconds
    let figures: JSONValue = [
      "scenario": "write-load", "target_writes_per_second": .double(load.rate), "seconds": .double(load.seconds),
      "watchers": .int(Int64(load.watchers)), "console": .bool(load.console),
      "acknowledged": .int(Int64(acknowledged.count)), "writes_per_second": .double(achieved.rounded()),
      "deliveries_lost": .int(Int64(lost)), "delivery_p50_ms": .double(Self.percentile(delays, 0.5)),
      "delivery_p99_ms": .double(Self.percentile(delays, 0.99)),
    ]
    print("write load: \(figures.jsonString)")
    Self.report(figures)
    #expect(lost == 0, "\(lost) deliveries of \(acknowledged.count) writes to \(load.watchers) watchers were lost")
    #expect(acknowledged.count > Int(load.rate * load.seconds * 0.2), "too few writes were acknowledged")
    if let console {
      let screen = await console.waitFor(timeout: 120) { $0.contains("[\(acknowledged.count)]") }
      #expect(screen.contains("[\(acknowledged.count)]"), "the console did not list every object:\n\(screen)")
    }
    for client in clients { try? await client.shutdown() }
    try await writer.shutdown()
  }

  /// Creates AIClusters at `load.rate` for `load.seconds` from 32 lanes; the names the server
  /// acknowledged with 201.
  static func write(_ load: Load, with client: KubeClient) async throws -> Set<String> {
    let total = Int(load.rate * load.seconds)
    let lanes = 32
    let start = ContinuousClock.now
    return await withTaskGroup(of: [String].self) { group in
      for lane in 0..<lanes {
        group.addTask {
          var names: [String] = []
          for index in stride(from: lane, to: total, by: lanes) {
            // The load lasts its time: a server slower than the rate gets fewer writes, not a longer run.
            guard ContinuousClock.now < start + .seconds(load.seconds) else { break }
            try? await Task.sleep(until: start + .seconds(Double(index) / load.rate))
            let name = "load-\(index)"
            let object: JSONValue = [
              "apiVersion": "ai.aiconsole.dev/v1", "kind": "AICluster",
              "metadata": [
                "name": .string(name), "namespace": "load",
                "annotations": ["sent": .string(String(Date().timeIntervalSince1970))],
              ],
              "spec": ["modelName": "load", "replicas": 0],
            ]
            if (try? await client.create(aiclusters, object)) != nil { names.append(name) }
          }
          return names
        }
      }
      var all: Set<String> = []
      for await names in group { all.formUnion(names) }
      return all
    }
  }

  /// The console against the same server, showing AIClusters.
  static func attachConsole(kubeconfig: String) throws -> Tmux {
    let tmux = try Tmux(name: "write-load")
    let binary = ServeProcess.binary
    try tmux.start(
      script: "export HOME='\(tmux.directory.path)'\n'\(binary)' --kubeconfig '\(kubeconfig)' </dev/tty; sleep 30",
      width: 160, height: 40)
    _ = tmux.waitFor("synced", timeout: 60)
    tmux.sendText(":aic")
    tmux.sendKeys("Enter")
    return tmux
  }

  static func percentile(_ sorted: [Double], _ share: Double) -> Double {
    guard !sorted.isEmpty else { return 0 }
    return (sorted[min(sorted.count - 1, Int(Double(sorted.count) * share))] * 10).rounded() / 10
  }

  /// Appends the figures as a JSON line to `$AICONSOLE_RELIABILITY_REPORT`, if set.
  static func report(_ figures: JSONValue) {
    guard let path = ProcessInfo.processInfo.environment["AICONSOLE_RELIABILITY_REPORT"],
      let handle = FileHandle(forWritingAtPath: path)
        ?? {
          FileManager.default.createFile(atPath: path, contents: nil)
          return FileHandle(forWritingAtPath: path)
        }()
    else { return }
    handle.seekToEndOfFile()
    handle.write(Data((figures.jsonString + "\n").utf8))
    try? handle.close()
  }
}

extension Duration {
  fileprivate var seconds: Double {
    Double(components.seconds) + Double(components.attoseconds) / 1e18
  }
}
