import ClusterClient
import Foundation

/// The log filter's figure: finding one correlation ID among 1,000,000 realistic JSON log lines
/// (gateway, controller and instance lines, about 1 in 10,000 carrying the ID) held in memory, as
/// the console holds them, against `grep -F ID file` over the same lines in a file (a real
/// process, the file in the page cache) in the same run. grep writes its matches to a file, not
/// /dev/null: GNU grep notices /dev/null and stops at the first match, as `-q` does, which
/// would time reading 1 MB rather than filtering the lines.
enum LogsBenchmarks {
  static let area = "Logs (filter by correlation ID)"
  static let lineCount = 1_000_000
  static let wanted = "req-5e1f0c9a7b3d4e21"
  static let runs = 9

  static func run(into report: inout BenchmarkReport) throws {
    var generator = LogLineGenerator(wanted: wanted)
    let lines = generator.lines(count: lineCount)
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("aiconsole-logs-bench-\(getpid()).log")
    let data = Data((lines.joined(separator: "\n") + "\n").utf8)
    try data.write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    let megabytes = data.count >> 20
    var buffer = LogBuffer(capacity: lineCount)
    for line in lines { buffer.append(line) }
    let filter = LogFilter(correlationID: wanted)
    let expected = lines.count(where: { $0.contains(wanted) })
    let found = buffer.matches(filter).count
    let ours = times { _ = buffer.matches(filter) }
    let grep = times { runGrep(file) }
    let perLine = times { _ = lines.count(where: { filter.matches($0) }) }
    let name = "filter 1,000,000 lines (\(megabytes) MiB) by correlation ID"
    report.add(
      .init(
        area: area, name: "\(name) (\(found) of \(expected) found)", median: milliseconds(ours.median),
        p99: milliseconds(ours.p99), target: "no slower than grep -F",
        peer: "grep -F > file: \(milliseconds(grep.median))",
        ratio: String(format: "%.2f×", ours.median / grep.median), met: found == expected && ours.median <= grep.median)
    )
    report.add(
      .init(
        area: area, name: "the same, line by line through LogFilter.matches (no byte arena)",
        median: milliseconds(perLine.median), p99: milliseconds(perLine.p99), target: "—",
        peer: "grep -F: \(milliseconds(grep.median))", ratio: String(format: "%.2f×", perLine.median / grep.median)))
  }

  /// Wall-clock milliseconds of `runs` runs after one warm-up.
  private static func times(_ body: () -> Void) -> Sample {
    body()
    return Sample(
      values: (0..<runs).map { _ in
        let start = ContinuousClock.now
        body()
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) * 1e3 + Double(elapsed.components.attoseconds) / 1e15
      })
  }

  private static func runGrep(_ file: URL) {
    let matches = file.appendingPathExtension("matches")
    _ = FileManager.default.createFile(atPath: matches.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: matches) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/grep")
    process.arguments = ["-F", wanted, file.path]
    process.standardOutput = FileHandle(forWritingAtPath: matches.path)
    do {
      try process.run()
      process.waitUntilExit()
    } catch {
      progress("grep: \(error)")
    }
  }

  private static func milliseconds(_ value: Double) -> String { String(format: "%.1f ms", value) }
}
