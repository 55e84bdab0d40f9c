import Foundation

extension ConsoleKindsBenchmarks {
  /// The report's rows: medians over every cycle of every launch.
  static func add(_ cycles: [Cycle], to report: inout BenchmarkReport) {
    func sample(_ value: (Cycle) -> Double) -> Sample { Sample(values: cycles.map(value)) }
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
    let fresh = cycles.filter { $0.index == 0 }
    let again = cycles.filter { $0.index > 0 }
    func megabytes(_ of: [Cycle], _ value: (Cycle) -> Int) -> String {
      String(format: "%.0f MB", Sample(values: of.map { Double(value($0)) / 1e6 }).median)
    }
    let memory: [(String, String)] = [
      ("resident memory (VmRSS) of a fresh console on the empty AI list", megabytes(fresh, \.residentBefore)),
      ("resident memory with \(pods) Pods listed", megabytes(fresh, \.residentWithPods)),
      (
        "resident memory once 4 other kinds evicted Pods (freed, but glibc keeps the pages for reuse)",
        megabytes(fresh, \.residentAfterEviction)
      ),
      (
        "resident memory with the \(pods) Pods listed again, cold, after the eviction",
        megabytes(again, \.residentWithPods)
      ),
    ]
    for (name, value) in memory {
      report.add(.init(area: area, name: name, median: value, p99: "—", target: "—"))
    }
  }

  private static func ms(_ value: Double) -> String { String(format: "%.0f ms", value) }
}
