import ClusterClient
import Foundation

/// The log filter's figure: finding one correlation ID among 1,000,000 realistic JSON log lines
/// (gateway, controller and instance lines, about 1 in 10,000 carrying the ID) held in memory, as
/// the console holds them, against `grep -F ID file` over the same lines in a file (a real
/// process, the file in the page cache) and `jq` selecting on the parsed field, in the same run.
/// The peers write their matches to a file, not /dev/null: GNU grep notices /dev/null and stops at
/// the first match, as `-q` does, which would time reading 1 MB rather than filtering the lines.
enum LogsBenchmarks {
  static let area = "Logs (filter by correlation ID)"
  static let lineCount = 1_000_000
  static let wanted = "req-5e1f0c9a7b3d4e21"
  static let runs = 9

  /// jq reads every line as JSON, about a hundred times slower than grep: fewer runs, and the
  /// file is already in the page cache from grep's, so no warm-up of its own.
  static let jqRuns = 3

  static func run(into report: inout BenchmarkReport) async throws {
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
    let perLine = times { _ = lines.count(where: { filter.matches($0) }) }
    let grep = try await peerTimes(.grep, ["-F", wanted, file.path], runs: runs, warmUp: true, expected: expected)
    let jq = try await peerTimes(
      .jq, ["-c", "--arg", "id", wanted, "select(.correlation_id == $id)", file.path], runs: jqRuns, warmUp: false,
      expected: expected)
    let name = "filter 1,000,000 lines (\(megabytes) MiB) by correlation ID"
    var row = BenchmarkReport.Row(
      area: area, name: "\(name) (\(found) of \(expected) found)", median: milliseconds(ours.median),
      p99: milliseconds(ours.p99), target: "no slower than grep -F", met: found == expected)
    compare(&row, ours.median, with: grep, .grep, "grep -F > file")
    if let grep { row.met = found == expected && ours.median <= grep.median }
    report.add(row)
    row = .init(
      area: area, name: "\(name), against jq selecting on the parsed field", median: milliseconds(ours.median),
      p99: milliseconds(ours.p99), target: "—")
    compare(&row, ours.median, with: jq, .jq, "jq select(.correlation_id == $id)")
    report.add(row)
    row = .init(
      area: area, name: "the same, line by line through LogFilter.matches (no byte arena)",
      median: milliseconds(perLine.median), p99: milliseconds(perLine.p99), target: "—")
    compare(&row, perLine.median, with: grep, .grep, "grep -F")
    report.add(row)
    report.note(
      "aiconsole filters the lines in memory, as the console holds them; the peers are real processes over the same "
        + "lines in a file in the page cache, writing their matches to a file: \(await PeerTool.grep.version()) "
        + "(median of \(runs) runs), \(await PeerTool.jq.version()) (median of \(jqRuns) runs).", area: area)
  }

  /// Fills the peer and ratio columns, or says the peer is missing.
  private static func compare(
    _ row: inout BenchmarkReport.Row, _ ours: Double, with peer: Sample?, _ tool: PeerTool, _ label: String
  ) {
    guard let peer else {
      row.peer = tool.missingText
      return
    }
    row.peer = "\(label): \(milliseconds(peer.median))"
    row.ratio = BenchmarkReport.ratio(ours, peer.median)
  }

  /// Wall-clock milliseconds of `runs` runs after one warm-up.
  private static func times(_ body: () -> Void) -> Sample {
    body()
    return Sample(
      values: (0..<runs).map { _ in
        let start = ContinuousClock.now
        body()
        return (ContinuousClock.now - start).seconds * 1000
      })
  }

  /// Wall-clock milliseconds of a peer's `runs` runs (after a warm-up if asked), its matches
  /// written to a file and counted (`expected` lines, or the run did not do the same work); nil
  /// when the peer is missing.
  private static func peerTimes(_ tool: PeerTool, _ arguments: [String], runs: Int, warmUp: Bool, expected: Int)
    async throws -> Sample?
  {
    guard tool.isInstalled else {
      _ = tool.reportMissing()
      return nil
    }
    let matches = FileManager.default.temporaryDirectory.appendingPathComponent("aiconsole-logs-\(tool.name).out").path
    defer { try? FileManager.default.removeItem(atPath: matches) }
    var values: [Double] = []
    for run in 0..<(warmUp ? runs + 1 : runs) {
      let exit = try await ChildProcess.run([tool.path] + arguments, standardOutput: matches)
      let found = FollowPeerBenchmarks.lineCount(matches)
      guard exit.status == 0, found == expected else {
        throw BenchmarkFailure("\(tool.name) exited \(exit.status) with \(found) of \(expected) lines")
      }
      if !warmUp || run > 0 { values.append(exit.wallSeconds * 1000) }
    }
    progress("\(tool.name): median \(milliseconds(Sample(values: values).median))")
    return Sample(values: values)
  }

  private static func milliseconds(_ value: Double) -> String { String(format: "%.1f ms", value) }
}
