/// One figure measured at growing object counts, so that its growth shows: a row per count with
/// the factor it grew by against the previous count, beside the factor the objects grew by.
struct ScalingCurve {
  /// The report section the curve is written to.
  var area: String
  /// What was measured, for the rows' names ("list every AICluster").
  var what: String
  /// Whether the samples are many enough for a p99 (the console's few launches are not).
  var showsP99: Bool
  /// The measured points, smallest count first.
  var points: [(objects: Int, sample: Sample)] = []
  /// What a row adds to its name, by object count.
  var details: [Int: String] = [:]

  /// Growth up to 20% over proportional still counts as linear: the machine is shared, and a
  /// larger run catches more of the others' noise.
  static let tolerance = 1.2

  /// Records the figure measured at `objects`, with a remark for its row.
  mutating func add(objects: Int, sample: Sample, detail: String? = nil) {
    points.append((objects, sample))
    details[objects] = detail
    progress(String(format: "%@ at %d objects: median %.1f ms", what, objects, sample.median))
  }

  /// A row per point; the ratio column holds the step's growth.
  var rows: [BenchmarkReport.Row] {
    points.enumerated().map { index, point in
      let step = index > 0 ? growth(from: points[index - 1], to: point) : nil
      return .init(
        area: area,
        name: "\(what), \(ConsoleBenchmarks.grouped(point.objects)) AIClusters"
          + (details[point.objects].map { " (\($0))" } ?? ""),
        median: Self.milliseconds(point.sample.median),
        p99: showsP99 ? Self.milliseconds(point.sample.p99) : "—", target: "linear or better",
        ratio: step.map { String(format: "×%.1f for ×%.0f objects", $0.time, $0.objects) } ?? "—",
        met: step.map { $0.time <= $0.objects * Self.tolerance })
    }
  }

  /// A sentence for the report: how the whole curve grew, naming any step that grew faster
  /// than the objects.
  var verdict: String {
    guard let first = points.first, let last = points.last, points.count > 1 else { return "" }
    let steps = zip(points, points.dropFirst()).map {
      (from: $0.objects, to: $1.objects, growth: growth(from: $0, to: $1))
    }
    let faster = steps.filter { $0.growth.time > $0.growth.objects }
    let worse = faster.filter { $0.growth.time > $0.growth.objects * Self.tolerance }
    let shape =
      if faster.isEmpty {
        "linear or better"
      } else if worse.isEmpty {
        "about linear (no step grew more than \(Int((Self.tolerance - 1) * 100))% over proportional, within this machine's noise)"
      } else {
        "worse than linear "
          + worse.map {
            String(
              format: "from %@ to %@ objects (×%.1f for ×%.0f)", ConsoleBenchmarks.grouped($0.from),
              ConsoleBenchmarks.grouped($0.to), $0.growth.time, $0.growth.objects)
          }.joined(separator: " and ")
      }
    let overall = growth(from: first, to: last)
    let perObject = (first.sample.median / Double(first.objects), last.sample.median / Double(last.objects))
    return String(
      format:
        "%@: %@. From %@ to %@ objects the median grew ×%.1f for ×%.0f the objects (%.1f µs per object, then %.1f µs).",
      what.prefix(1).uppercased() + what.dropFirst(), shape, ConsoleBenchmarks.grouped(first.objects),
      ConsoleBenchmarks.grouped(last.objects), overall.time, overall.objects, perObject.0 * 1000, perObject.1 * 1000)
  }

  private func growth(from: (objects: Int, sample: Sample), to: (objects: Int, sample: Sample)) -> (
    time: Double, objects: Double
  ) {
    (to.sample.median / from.sample.median, Double(to.objects) / Double(from.objects))
  }

  private static func milliseconds(_ value: Double) -> String {
    value >= 100 ? String(format: "%.0f ms", value) : String(format: "%.1f ms", value)
  }
}
