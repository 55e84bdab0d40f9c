import Foundation

/// Rows of measured figures, written as the markdown report `make bench` produces.
struct BenchmarkReport {
  struct Row {
    var area: String
    var name: String
    var median: String
    var p99: String
    var target: String
    var peer: String = "—"
    var ratio: String = "—"
    var met: Bool?

    init(
      area: String, name: String, median: String, p99: String, target: String, peer: String = "—",
      ratio: String = "—", met: Bool? = nil
    ) {
      self.area = area
      self.name = name
      self.median = median
      self.p99 = p99
      self.target = target
      self.peer = peer
      self.ratio = ratio
      self.met = met
    }
  }

  var rows: [Row] = []

  mutating func add(_ row: Row) {
    rows.append(row)
    progress("\(row.area): \(row.name) median=\(row.median) p99=\(row.p99) target=\(row.target)")
  }

  var markdown: String {
    var text = "# Benchmarks\n\n"
    text += "Machine: \(ProcessInfo.processInfo.activeProcessorCount) cores, "
    text += "\(ProcessInfo.processInfo.physicalMemory / 1_073_741_824) GiB memory. Date: \(Date().ISO8601Format()).\n"
    text += "Release build; each figure is the median of repeated runs after a warm-up.\n"
    for area in rows.map(\.area).uniqued() {
      text +=
        "\n## \(area)\n\n| benchmark | median | p99 | target | peer | ratio | met |\n|---|---|---|---|---|---|---|\n"
      for row in rows where row.area == area {
        let met = row.met.map { $0 ? "yes" : "no" } ?? "—"
        text += "| \(row.name) | \(row.median) | \(row.p99) | \(row.target) | \(row.peer) | \(row.ratio) | \(met) |\n"
      }
    }
    return text
  }

  func write(to path: String) throws {
    try FileManager.default.createDirectory(
      at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
    try markdown.write(toFile: path, atomically: true, encoding: .utf8)
  }
}

/// Order statistics of a sample.
struct Sample {
  var values: [Double]

  func percentile(_ fraction: Double) -> Double {
    guard !values.isEmpty else { return .nan }
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * fraction).rounded()))]
  }

  var median: Double { percentile(0.5) }
  var p99: Double { percentile(0.99) }
}

extension Array where Element: Hashable {
  func uniqued() -> [Element] {
    var seen = Set<Element>()
    return filter { seen.insert($0).inserted }
  }
}

/// A progress line on standard error, unbuffered, so a long run shows where it is.
func progress(_ line: String) {
  FileHandle.standardError.write(Data((line + "\n").utf8))
}
