import Foundation

extension ConsoleBenchmarks {
  /// The report's rows: medians over the launches, key latencies pooled over all of them;
  /// `objects` AIClusters were listed, and their VmRSS target is `memoryTargetMB`.
  static func add(
    _ launches: [LaunchFigures], objects: Int = objects, area: String = area, memoryTargetMB: Double = 200,
    to report: inout BenchmarkReport
  ) {
    func median(_ value: (LaunchFigures) -> Double) -> Double { Sample(values: launches.map(value)).median }
    let firstFrame = median(\.firstFrameMs)
    let synced = median(\.syncedMs)
    let keys = Sample(values: launches.flatMap(\.keyLatencyMs))
    let pressed = launches.map(\.keysPressed).reduce(0, +)
    let idle = median(\.idleCPU)
    let memory = median { Double($0.residentBytes) / 1e6 }
    let label = "median of \(launches.count) launches"
    report.add(
      .init(
        area: area, name: "launch → first frame (\(label))", median: String(format: "%.0f ms", firstFrame), p99: "—",
        target: "< 300 ms", met: firstFrame < 300))
    let firstRows = median(\.firstRowsMs)
    report.add(
      .init(
        area: area, name: "launch → first rows on screen (\(label))", median: String(format: "%.0f ms", firstRows),
        p99: "—", target: "< 300 ms", met: firstRows < 300))
    report.add(
      .init(
        area: area, name: "launch → synced list of \(grouped(objects)) rows (\(label))",
        median: String(format: "%.0f ms", synced), p99: "—", target: "< 2 s", met: synced < 2000))
    report.add(
      .init(
        area: area,
        name: "key press → frame, j/k at \(keysPerSecond)/s (\(keys.values.count) of \(pressed) keys answered)",
        median: String(format: "%.1f ms", keys.median), p99: String(format: "%.1f ms", keys.p99),
        target: "p99 < 50 ms", met: keys.values.count == pressed && keys.p99 < 50))
    report.add(
      .init(
        area: area,
        name: String(
          format: "CPU at idle, %% of one core (10 s, 3 s after the writes stop; %.1f frames/s)",
          median(\.idleFrameRate)),
        median: String(format: "%.2f%%", idle), p99: "—", target: "< 3%", met: idle < 3))
    report.add(
      .init(
        area: area,
        name: String(
          format: "CPU while \(grouped(changesPerSecond)) changes/s flow, %% of one core (10 s; %.0f frames/s)",
          median(\.flowingFrameRate)),
        median: String(format: "%.1f%%", median(\.flowingCPU)), p99: "—", target: "—"))
    report.add(
      .init(
        area: area, name: "resident memory (VmRSS) with \(grouped(objects)) AIClusters listed",
        median: String(format: "%.0f MB", memory), p99: "—", target: String(format: "< %.0f MB", memoryTargetMB),
        met: memory < memoryTargetMB))
    report.add(
      .init(
        area: area, name: "changes/s the writer achieved (merge patches, spread over all objects)",
        median: String(format: "%.0f/s", median(\.writes.rate)), p99: "—",
        target: "\(grouped(changesPerSecond))/s offered"))
  }

  /// `10000` as `10,000`, whatever the locale.
  static func grouped(_ number: Int) -> String {
    let digits = Array(String(number))
    return digits.enumerated().map { index, digit in
      index > 0 && (digits.count - index) % 3 == 0 ? ",\(digit)" : "\(digit)"
    }.joined()
  }
}
