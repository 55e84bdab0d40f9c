import ClusterClient
import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization
import Testing

/// A real Prometheus scrapes an endpoint this test serves; the API client reads the values back
/// and PromQL's own `rate`, `increase`, `resets` and `histogram_quantile` are compared with ours.
@Suite("Prometheus server: scrape, query and PromQL functions", .serialized)
struct PrometheusServerTests {
  @Test("a real Prometheus stores what the endpoint serves and computes what CounterRate and HistogramQuantile do")
  func roundTrip() async throws {
    try #require(
      FileManager.default.isExecutableFile(atPath: PrometheusProcess.binary),
      "\(PrometheusProcess.binary) is missing: run `make test` (scripts/ensure-deps.sh installs it) or `apt-get install -y prometheus`"
    )
    let endpoint = try await MetricsEndpoint.start()
    let prometheus = try PrometheusProcess(scrapeTarget: "127.0.0.1:\(endpoint.port)")
    defer { prometheus.kill() }
    do {
      let api = PrometheusAPIClient(baseURL: prometheus.url)
      try await prometheus.waitUntilReady(api)
      let time = try await timeAfterReset(api)
      try await checkGauges(api, endpoint: endpoint, time: time)
      try await checkCounter(api, time: time)
      try await checkHistogram(api, endpoint: endpoint, time: time)
      try await checkRange(api, time: time)
      await #expect(throws: PrometheusAPIError.self) { try await api.query("rate(aic_tokens_total[") }
      do {
        _ = try await api.query("rate(aic_tokens_total[")
      } catch {
        guard case .query(let type, let message, let status) = error else { throw error }
        #expect(type == "bad_data" && status == 400 && message.contains("parse error"), "\(error)")
      }
    } catch {
      Issue.record("Prometheus log:\n\(prometheus.log)")
      await endpoint.stop()
      throw error
    }
    await endpoint.stop()
  }

  /// A query time 10 s after the counter's reset, once Prometheus holds that much after it. Taken
  /// from the stored samples rather than the clock: on a loaded machine this test may wake long
  /// after the reset, and a window ending "now" would no longer hold it.
  func timeAfterReset(_ api: PrometheusAPIClient) async throws -> Date {
    let deadline = Date().addingTimeInterval(90)
    while Date() < deadline {
      let points = try await api.query("aic_tokens_total[10m]").matrix.first?.points ?? []
      if let reset = points.indices.dropFirst().first(where: { points[$0].value < points[$0 - 1].value }) {
        let time = Double(points[reset].timestampMilliseconds) / 1000 + 10
        if let last = points.last, Double(last.timestampMilliseconds) / 1000 >= time + 1 {
          return Date(timeIntervalSince1970: time)
        }
      }
      try await Task.sleep(for: .milliseconds(250))
    }
    throw PrometheusTestError(message: "Prometheus did not store the counter's reset and 10 s after it within 90 s")
  }

  func checkGauges(_ api: PrometheusAPIClient, endpoint: MetricsEndpoint, time: Date) async throws {
    let running = try await api.query("vllm:num_requests_running", at: time).vector
    #expect(running.count == 1)
    #expect(running.first?.label("model_name") == "meta-llama/Llama-3.1-8B-Instruct")
    #expect(running.first?.label("job") == "aiconsole-test")
    #expect(running.first?.point.timestampMilliseconds == Int64((time.timeIntervalSince1970 * 1000).rounded()))
    let scraped = await MetricsScraper(url: endpoint.url, interval: .seconds(1)).scrapeOnce()
    for name in ["vllm:num_requests_running", "DCGM_FI_DEV_GPU_UTIL", "DCGM_FI_DEV_POWER_USAGE"] {
      let stored = try await api.query(name, at: time).vector.first?.point.value
      let local = scraped.family(name)?.samples.first?.value
      #expect(
        stored != nil && stored == local,
        "\(name): Prometheus \(String(describing: stored)), scrape \(String(describing: local))")
    }
    let escaped = try await api.query("aic_info", at: time).vector.first
    #expect(escaped?.label("path") == #"C:\models"# && escaped?.label("note") == "say \"hi\"\nbye")
  }

  func checkCounter(_ api: PrometheusAPIClient, time: Date) async throws {
    let end = Int64((time.timeIntervalSince1970 * 1000).rounded())
    let raw = try await api.query("aic_tokens_total[30s]", at: time).matrix
    let points = try #require(raw.first?.points)
    #expect(points.count >= 7)
    #expect(CounterRate.resets(points) == 1, "\(points)")
    for (function, ours) in [
      ("rate", CounterRate.extrapolatedRate(points, windowStart: end - 30_000, windowEnd: end)),
      ("increase", CounterRate.extrapolatedIncrease(points, windowStart: end - 30_000, windowEnd: end)),
    ] {
      let theirs = try await api.query("\(function)(aic_tokens_total[30s])", at: time).vector.first?.point.value
      let difference = abs((theirs ?? .nan) - (ours ?? .nan))
      #expect(
        difference < 1e-9 * max(1, abs(theirs ?? 0)),
        "\(function): Prometheus \(String(describing: theirs)), ours \(String(describing: ours)) over \(points)")
    }
    let resets = try await api.query("resets(aic_tokens_total[30s])", at: time).vector.first?.point.value
    #expect(resets == Double(CounterRate.resets(points)))
  }

  func checkHistogram(_ api: PrometheusAPIClient, endpoint: MetricsEndpoint, time: Date) async throws {
    let scraped = await MetricsScraper(url: endpoint.url, interval: .seconds(1)).scrapeOnce()
    let histogram = try #require(scraped.family("aic_request_duration_seconds")?.histograms.first)
    let stored = try await api.query("aic_request_duration_seconds_bucket", at: time).vector
    let buckets = stored.compactMap { sample in
      sample.label("le").flatMap(Double.init).map {
        HistogramBucket(upperBound: $0, cumulativeCount: sample.point.value)
      }
    }
    #expect(Set(buckets) == Set(histogram.buckets))
    for q in [0.0, 0.1, 0.5, 0.9, 0.99, 1.0] {
      let theirs = try await api.query("histogram_quantile(\(q), aic_request_duration_seconds_bucket)", at: time)
        .vector.first?.point.value
      #expect(
        theirs == histogram.quantile(q),
        "q=\(q): Prometheus \(String(describing: theirs)), ours \(histogram.quantile(q))")
    }
  }

  func checkRange(_ api: PrometheusAPIClient, time: Date) async throws {
    let start = time.addingTimeInterval(-5)
    let matrix = try await api.queryRange("DCGM_FI_DEV_GPU_UTIL", start: start, end: time, step: .seconds(1)).matrix
    let series = try #require(matrix.first)
    #expect(series.label("gpu") == "0")
    // A loaded machine may have taken the series' first scrape inside the window: then the grid
    // starts later, but every point is still on it, one second apart, up to the window's end.
    let grid = (0..<6).map { Int64((start.timeIntervalSince1970 * 1000).rounded()) + Int64($0) * 1000 }
    #expect(series.points.count >= 4)
    #expect(series.points.allSatisfy { $0.value == 87 })
    #expect(series.points.map(\.timestampMilliseconds) == Array(grid.suffix(series.points.count)))
  }
}

struct PrometheusTestError: Error, CustomStringConvertible {
  var message: String
  var description: String { message }
}

/// A Hummingbird server on a loopback port serving an exposition whose counter grows by 10 per
/// request and resets once, after the fifth.
struct MetricsEndpoint {
  let port: Int
  let group: ServiceGroup
  let task: Task<Void, any Error>

  var url: String { "http://127.0.0.1:\(port)/metrics" }

  static func start() async throws -> MetricsEndpoint {
    let requests = Mutex(0)
    let router = Router()
    router.get("metrics") { _, _ -> String in
      let count = requests.withLock {
        $0 += 1; return $0
      }
      return exposition(tokens: count <= 5 ? 100 + 10 * count : 10 * (count - 5))
    }
    let bound = AsyncStream<Int>.makeStream()
    let logger = Logger(label: "metrics-endpoint")
    let app = Application(
      router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
      onServerRunning: { bound.continuation.yield($0.localAddress?.port ?? 0) }, logger: logger)
    let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
    let task = Task { try await group.run() }
    var ports = bound.stream.makeAsyncIterator()
    guard let port = await ports.next(), port > 0 else { throw PrometheusTestError(message: "no port bound") }
    return MetricsEndpoint(port: port, group: group, task: task)
  }

  func stop() async {
    await group.triggerGracefulShutdown()
    _ = try? await task.value
  }

  static func exposition(tokens: Int) -> String {
    let gpu = #"gpu="0",UUID="GPU-1",modelName="NVIDIA H100 80GB HBM3",Hostname="node-1""#
    return """
      # HELP vllm:num_requests_running Number of requests in model execution batches.
      # TYPE vllm:num_requests_running gauge
      vllm:num_requests_running{model_name="meta-llama/Llama-3.1-8B-Instruct"} 3.0
      # TYPE DCGM_FI_DEV_GPU_UTIL gauge
      DCGM_FI_DEV_GPU_UTIL{\(gpu)} 87
      # TYPE DCGM_FI_DEV_POWER_USAGE gauge
      DCGM_FI_DEV_POWER_USAGE{\(gpu)} 412.566
      # TYPE aic_info gauge
      aic_info{path="C:\\\\models",note="say \\"hi\\"\\nbye"} 1
      # HELP aic_tokens_total Tokens served.
      # TYPE aic_tokens_total counter
      aic_tokens_total{route="chat"} \(tokens)
      # TYPE aic_request_duration_seconds histogram
      aic_request_duration_seconds_bucket{le="0.05"} 3
      aic_request_duration_seconds_bucket{le="0.1"} 12
      aic_request_duration_seconds_bucket{le="0.5"} 70
      aic_request_duration_seconds_bucket{le="1"} 96
      aic_request_duration_seconds_bucket{le="+Inf"} 100
      aic_request_duration_seconds_sum 31.5
      aic_request_duration_seconds_count 100

      """
  }
}

/// A `prometheus` child process with its own config, storage directory and port, scraping
/// one target every second.
final class PrometheusProcess {
  static let binary = "/usr/bin/prometheus"
  let process = Process()
  let directory: URL
  let port: Int

  var url: String { "http://127.0.0.1:\(port)" }
  var log: String {
    (try? String(contentsOf: directory.appendingPathComponent("prometheus.log"), encoding: .utf8)) ?? ""
  }

  init(scrapeTarget: String) throws {
    directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "aiconsole-prometheus-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    port = try freePort()
    let config = """
      global:
        scrape_interval: 1s
        scrape_timeout: 1s
        evaluation_interval: 1s
      scrape_configs:
        - job_name: aiconsole-test
          static_configs:
            - targets: ["\(scrapeTarget)"]

      """
    let configPath = directory.appendingPathComponent("prometheus.yml")
    try config.write(to: configPath, atomically: true, encoding: .utf8)
    let logPath = directory.appendingPathComponent("prometheus.log")
    _ = FileManager.default.createFile(atPath: logPath.path, contents: nil)
    let log = try FileHandle(forWritingTo: logPath)
    process.executableURL = URL(fileURLWithPath: Self.binary)
    process.arguments = [
      "--config.file=\(configPath.path)", "--storage.tsdb.path=\(directory.appendingPathComponent("data").path)",
      "--web.listen-address=127.0.0.1:\(port)", "--log.level=warn",
    ]
    process.standardOutput = log
    process.standardError = log
    try process.run()
  }

  func waitUntilReady(_ api: PrometheusAPIClient) async throws {
    let deadline = Date().addingTimeInterval(60)
    while Date() < deadline {
      guard process.isRunning else { throw PrometheusTestError(message: "prometheus exited:\n\(log)") }
      if (try? await api.query("1")) != nil { return }
      try await Task.sleep(for: .milliseconds(200))
    }
    throw PrometheusTestError(message: "prometheus did not answer within 60 s:\n\(log)")
  }

  /// SIGKILL: processes spawned from async tests inherit a blocked SIGTERM (see PITFALLS.md).
  func kill() {
    if process.isRunning {
      Foundation.kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
    }
    try? FileManager.default.removeItem(at: directory)
  }

  deinit { kill() }
}

/// A loopback TCP port that was free a moment ago.
func freePort() throws -> Int {
  let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
  guard fd >= 0 else { throw PrometheusTestError(message: "socket failed") }
  defer { close(fd) }
  var address = sockaddr_in()
  address.sin_family = sa_family_t(AF_INET)
  address.sin_addr.s_addr = inet_addr("127.0.0.1")
  address.sin_port = 0
  var length = socklen_t(MemoryLayout<sockaddr_in>.size)
  let bound = withUnsafeMutablePointer(to: &address) {
    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
      bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
    }
  }
  guard bound else { throw PrometheusTestError(message: "bind failed") }
  return Int(UInt16(bigEndian: address.sin_port))
}
