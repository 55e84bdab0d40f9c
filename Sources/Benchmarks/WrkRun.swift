import Foundation

/// One `wrk` load test (Debian's `wrk`): POSTs a fixed body over keep-alive connections and
/// reports requests per second and latency percentiles, parsed from `wrk --latency`.
struct WrkRun {
  static let binary = "/usr/bin/wrk"
  var requestsPerSecond: Double
  /// Milliseconds.
  var p50: Double
  var p99: Double

  static func run(url: String, body: String, connections: Int = 16, seconds: Int = 6) throws -> WrkRun {
    let script = FileManager.default.temporaryDirectory.appendingPathComponent(
      "aiconsole-wrk-\(UUID().uuidString.prefix(6)).lua")
    let escaped = body.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'")
    try """
    wrk.method = "POST"
    wrk.body = '\(escaped)'
    wrk.headers["Content-Type"] = "application/json"
    """.write(to: script, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: script) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = ["-t2", "-c\(connections)", "-d\(seconds)s", "--latency", "-s", script.path, url]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let text = String(decoding: data, as: UTF8.self)
    guard let parsed = parse(text) else { throw BenchmarkFailure("cannot read wrk's output:\n\(text)") }
    return parsed
  }

  /// Reads `Requests/sec:` and the `50%` and `99%` lines of the latency distribution.
  static func parse(_ text: String) -> WrkRun? {
    var rate: Double?
    var percentiles: [String: Double] = [:]
    for line in text.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) }) {
      let fields = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
      if fields.first == "Requests/sec:", fields.count > 1 { rate = Double(fields[1]) }
      if fields.count == 2, ["50%", "99%"].contains(fields[0]) { percentiles[fields[0]] = milliseconds(fields[1]) }
    }
    guard let rate, let p50 = percentiles["50%"], let p99 = percentiles["99%"] else { return nil }
    return WrkRun(requestsPerSecond: rate, p50: p50, p99: p99)
  }

  /// wrk writes `812.00us`, `1.23ms` or `2.01s`.
  static func milliseconds(_ text: String) -> Double? {
    for (suffix, scale) in [("us", 0.001), ("ms", 1.0), ("s", 1000.0)] where text.hasSuffix(suffix) {
      return Double(text.dropLast(suffix.count)).map { $0 * scale }
    }
    return nil
  }
}
