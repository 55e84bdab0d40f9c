import ClusterClient
import ClusterTestSupport
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import Testing

/// A real Prometheus server (Debian's `prometheus`) scrapes an endpoint this test serves; the
/// Prometheus API client reads the same values back, and PromQL's `histogram_quantile` agrees
/// with ours on the same buckets.
@Suite(.serialized) struct PrometheusServerTests {
  static let binary = "/usr/bin/prometheus"
  static let exposition = """
    # HELP aiconsole_test_gauge A gauge the test serves.
    # TYPE aiconsole_test_gauge gauge
    aiconsole_test_gauge{model="llama"} 42.5
    # TYPE aiconsole_test_latency_seconds histogram
    aiconsole_test_latency_seconds_bucket{le="0.1"} 10
    aiconsole_test_latency_seconds_bucket{le="0.5"} 60
    aiconsole_test_latency_seconds_bucket{le="1"} 90
    aiconsole_test_latency_seconds_bucket{le="+Inf"} 100
    aiconsole_test_latency_seconds_sum 41
    aiconsole_test_latency_seconds_count 100

    """

  @Test func prometheusScrapesWhatWeServeAndTheAPIClientReadsItBack() async throws {
    guard FileManager.default.isExecutableFile(atPath: Self.binary) else {
      Issue.record("\(Self.binary) is missing: `make test` installs Debian's prometheus package")
      return
    }
    let router = Router()
    router.get("/metrics") { _, _ in
      Response(
        status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
        body: .init(byteBuffer: .init(string: Self.exposition)))
    }
    let targetPort = try FreePort.find()
    let application = Application(
      router: router, configuration: .init(address: .hostname("127.0.0.1", port: targetPort)))
    let group = ServiceGroup(configuration: .init(services: [application], logger: Logger(label: "target")))
    let serving = Task { try await group.run() }
    let prometheus = try PrometheusProcess(scraping: "127.0.0.1:\(targetPort)")
    defer { prometheus.stop() }

    let client = PrometheusAPIClient(baseURL: prometheus.url)
    var gauge: PrometheusQueryResult?
    for _ in 0..<120 {
      if let answer = try? await client.query("aiconsole_test_gauge"), case .vector(let samples) = answer,
        !samples.isEmpty
      {
        gauge = answer
        break
      }
      try await Task.sleep(for: .milliseconds(250))
    }
    guard case .vector(let samples) = try #require(gauge) else { Issue.record("no vector"); return }
    #expect(samples.first?.value == 42.5)
    #expect(samples.first?.labels["model"] == "llama")
    #expect(samples.first?.labels["job"] == "aiconsole")

    let scraped = await MetricsScraper(url: "http://127.0.0.1:\(targetPort)/metrics").scrape()
    let family = try #require(try scraped.result.get().family("aiconsole_test_latency_seconds"))
    let ours = HistogramQuantile.quantile(0.5, HistogramQuantile.buckets(of: family))
    let theirs = try await client.query("histogram_quantile(0.5, aiconsole_test_latency_seconds_bucket)")
    guard case .vector(let quantile) = theirs else { Issue.record("no quantile vector"); return }
    #expect(abs((quantile.first?.value ?? .nan) - ours) < 1e-9)
    #expect(abs(ours - 0.42) < 1e-9)

    let range = try await client.queryRange(
      "aiconsole_test_gauge", start: Date().addingTimeInterval(-30), end: Date(), step: .seconds(1))
    guard case .matrix(let series) = range else { Issue.record("no matrix"); return }
    #expect(series.first?.points.isEmpty == false)
    #expect(series.first?.points.allSatisfy { $0.value == 42.5 } == true)
    guard case .scalar(_, let three) = try await client.query("scalar(vector(3))") else {
      Issue.record("no scalar")
      return
    }
    #expect(three == 3)

    await #expect(throws: PrometheusAPIError.self) { _ = try await client.query("sum(") }
    await group.triggerGracefulShutdown()
    _ = try? await serving.value
  }
}

/// A Prometheus server in its own temporary directory, scraping one target every second.
final class PrometheusProcess: Sendable {
  let url: String
  private let process: Process

  init(scraping target: String) throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "prometheus-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let config = """
      global:
        scrape_interval: 1s
        evaluation_interval: 1s
      scrape_configs:
        - job_name: aiconsole
          static_configs:
            - targets: ["\(target)"]

      """
    let configPath = directory.appendingPathComponent("prometheus.yml").path
    FileManager.default.createFile(atPath: configPath, contents: Data(config.utf8))
    let port = try FreePort.find()
    url = "http://127.0.0.1:\(port)"
    process = Process()
    process.executableURL = URL(fileURLWithPath: PrometheusServerTests.binary)
    process.arguments = [
      "--config.file=\(configPath)", "--storage.tsdb.path=\(directory.appendingPathComponent("data").path)",
      "--web.listen-address=127.0.0.1:\(port)", "--log.level=warn",
    ]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
  }

  /// SIGKILL, because a child of the test runner may inherit a mask that blocks SIGTERM.
  func stop() {
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
  }
}
