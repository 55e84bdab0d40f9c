import Foundation

extension ConsoleKindsBenchmarks {
  /// The report's rows: medians over every cycle of every launch.
  static func add(_ cycles: [Cycle], to report: inout BenchmarkReport) {
    func sample(_ value: (Cycle) -> Double) -> Sample { Sample(values: cycles.map(value)) }
    func megabytes(_ value: (Cycle) -> Int) -> Double { sample { Double(value($0)) / 1e6 }.median }
    let label = "median of \(cycles.count): \(launches) launches x \(cycles.count / max(launches, 1))"
    let first = sample(\.coldFirstRowsMs)
    let all = sample(\.coldAllRowsMs)
    let warm = sample(\.warmAllRowsMs)
    let pods = ConsoleBenchmarks.grouped(Self.pods)
    report.note(
      "Each cycle sends `:pods` from the (empty) AI list, then `:cm`, `:pods` again, then `:secrets`, `:sa` and "
        + "`:namespaces`: with `:cm` four kinds newer than Pods, so Pods leave the warm set and their informer stops. "
        + "Times run from just before Enter is sent to the frame (the console's frame trace); \"every pod\" is "
        + "the first frame listing all \(pods).", area: area)
    report.add(
      .init(
        area: area, name: "cold `:pods` → first rows on screen (\(label))", median: ms(first.median),
        p99: ms(first.percentile(1)) + " (max)", target: "< 300 ms", met: first.median < 300))
    report.add(
      .init(
        area: area, name: "cold `:pods` → every pod listed, informer synced (\(label))", median: ms(all.median),
        p99: ms(all.percentile(1)) + " (max)", target: "< 1.5 s", met: all.median < 1500))
    report.add(
      .init(
        area: area, name: "warm `:pods` (back from `:cm`) → every pod listed (\(label))", median: ms(warm.median),
        p99: ms(warm.percentile(1)) + " (max)", target: "at once (one frame)", met: warm.median < 50))
    report.add(
      .init(
        area: area, name: "resident memory (VmRSS) on the empty AI list, before `:pods`",
        median: String(format: "%.0f MB", megabytes(\.residentBefore)), p99: "—", target: "—"))
    report.add(
      .init(
        area: area, name: "resident memory with \(pods) Pods listed",
        median: String(format: "%.0f MB", megabytes(\.residentWithPods)), p99: "—", target: "—"))
    let before = megabytes(\.residentBefore)
    let with = megabytes(\.residentWithPods)
    let after = megabytes(\.residentAfterEviction)
    let released = with > before ? (with - after) / (with - before) * 100 : .nan
    report.add(
      .init(
        area: area,
        name: String(
          format: "resident memory once 4 other kinds evicted Pods (%.0f%% of what the Pods added given back)",
          released), median: String(format: "%.0f MB", after), p99: "—",
        target: "follows the kinds kept warm", met: after < with))
  }

  private static func ms(_ value: Double) -> String { String(format: "%.0f ms", value) }
}
