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
  /// Paragraphs written under an area's heading, before its table.
  var notes: [String: [String]] = [:]
  /// When the run began, and the 1-minute load average then: the machine is shared, and the
  /// report says how busy it was.
  let started = Date()
  let loadAtStart = BenchmarkReport.loadAverage()

  /// The time and 1-minute load average at each area's first and latest figure.
  private var areaLoads: [String: (first: Date, firstLoad: String, lastLoad: String)] = [:]

  mutating func add(_ row: Row) {
    rows.append(row)
    let load = Self.loadAverage()
    areaLoads[row.area, default: (Date(), load, load)].lastLoad = load
    progress("\(row.area): \(row.name) median=\(row.median) p99=\(row.p99) target=\(row.target)")
  }

  /// Adds a paragraph under `area`'s heading.
  mutating func note(_ text: String, area: String) {
    guard !text.isEmpty else { return }
    notes[area, default: []].append(text)
    progress("\(area): \(text)")
  }

  var markdown: String {
    var text = heading
    for block in blocks { text += "\n## \(block.area)\n\n" + block.text }
    return text
  }

  /// The report's title and what the machine is.
  var heading: String {
    var text = "# Benchmarks\n\n"
    text += "Written by `make bench` (release build). Machine: \(ProcessInfo.processInfo.activeProcessorCount) cores, "
    text += "\(ProcessInfo.processInfo.physicalMemory / 1_073_741_824) GiB memory. Date: \(started.ISO8601Format()).\n"
    text += String(
      format: "The benchmarks ran for %.1f min; the 1-minute load average was %@ at the start and %@ at the end ",
      Date().timeIntervalSince(started) / 60, loadAtStart, Self.loadAverage())
    text += "(the machine is shared: other builds and tests may have run meanwhile, so absolute times drift, "
    text += "and peers are measured in the same run, alternating with aiconsole, so that ratios hold).\n"
    text +=
      "Each figure is the median of repeated runs after a warm-up; a ratio is aiconsole's figure over the peer's.\n"
    return text
  }

  /// Each area's measured part: when, how loaded the machine was, its notes and its table.
  var blocks: [BenchmarkDocument.Block] {
    rows.map(\.area).uniqued().map { area in
      var text = ""
      if let loads = areaLoads[area] {
        text += "Measured by `make bench` at \(loads.first.ISO8601Format()) (release build, "
        text += "\(ProcessInfo.processInfo.activeProcessorCount) cores); the 1-minute load average was "
        text += "\(loads.firstLoad) at its first figure and \(loads.lastLoad) at its last.\n\n"
      }
      for note in notes[area] ?? [] { text += note + "\n\n" }
      text += "| benchmark | median | p99 | target | peer | ratio | met |\n|---|---|---|---|---|---|---|\n"
      for row in rows where row.area == area {
        let met = row.met.map { $0 ? "yes" : "no" } ?? "—"
        text += "| \(row.name) | \(row.median) | \(row.p99) | \(row.target) | \(row.peer) | \(row.ratio) | \(met) |\n"
      }
      return BenchmarkDocument.Block(area: area, text: text)
    }
  }

  /// `ours / peer` as the ratio column shows it, with a third digit below 0.1 so that a peer
  /// hundreds of times slower does not read as 0.00×.
  static func ratio(_ ours: Double, _ peer: Double) -> String {
    let value = ours / peer
    return String(format: value < 0.1 ? "%.3f×" : "%.2f×", value)
  }

  /// The 1-minute load average from /proc/loadavg, or "unknown".
  static func loadAverage() -> String {
    guard let data = FileManager.default.contents(atPath: "/proc/loadavg") else { return "unknown" }
    return String(decoding: data, as: UTF8.self).split(separator: " ").first.map(String.init) ?? "unknown"
  }

  /// Puts the measured areas' blocks into the file at `path`, keeping everything else in it
  /// (`BenchmarkDocument`).
  func write(to path: String) throws {
    try FileManager.default.createDirectory(
      at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
    let existing = FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    let document = BenchmarkDocument.merge(blocks, into: existing, heading: heading)
    try document.write(toFile: path, atomically: true, encoding: .utf8)
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
