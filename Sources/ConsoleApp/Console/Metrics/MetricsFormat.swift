import Views

/// How the metrics pane writes numbers: short, fixed-width friendly, and a dash for unknown.
enum MetricsFormat {
  /// Shown for a value not known (yet).
  static let unknown = "–"

  /// A rate such as `1.2k` or `0.25`.
  static func rate(_ value: Double?) -> String {
    guard let value, value.isFinite else { return unknown }
    return NumberFormat.compact(value)
  }

  /// Seconds as `850µs`, `120ms`, `1.2s` or `42s`.
  static func duration(_ seconds: Double?) -> String {
    guard let seconds, seconds.isFinite else { return unknown }
    switch seconds {
    case ..<0.001: return "\(Int((seconds * 1_000_000).rounded()))µs"
    case ..<1: return "\(Int((seconds * 1000).rounded()))ms"
    case ..<10: return NumberFormat.compact((seconds * 10).rounded() / 10) + "s"
    default: return "\(Int(seconds.rounded()))s"
    }
  }

  /// A ratio as a percentage.
  static func percent(_ ratio: Double?) -> String {
    guard let ratio else { return unknown }
    return NumberFormat.percent(ratio)
  }

  /// An error ratio as a percentage with a decimal below 10% (`0.4%`, `12%`): a canary's
  /// fraction of a percent is what its analysis judges, and `0%` would hide it.
  static func errorPercent(_ ratio: Double?) -> String {
    guard let ratio, ratio.isFinite else { return unknown }
    let percent = ratio * 100
    return percent < 10 ? NumberFormat.compact((percent * 10).rounded() / 10) + "%" : "\(Int(percent.rounded()))%"
  }

  /// Framebuffer memory as `32.0/80.0G` (GiB); N/A when the GPU does not report it.
  static func memory(used: Double?, total: Double?) -> String {
    guard let used, let total else { return "N/A" }
    return "\(gibibytes(used))/\(gibibytes(total))G"
  }

  /// Watts, N/A when unsupported.
  static func power(_ watts: Double?) -> String {
    watts.map { "\(Int($0.rounded()))W" } ?? "N/A"
  }

  /// Degrees Celsius, N/A when unsupported.
  static func temperature(_ celsius: Double?) -> String {
    celsius.map { "\(Int($0.rounded()))°C" } ?? "N/A"
  }

  private static func gibibytes(_ mebibytes: Double) -> String {
    let value = mebibytes / 1024
    return value < 100 ? String(format1: value) : "\(Int(value.rounded()))"
  }
}

extension String {
  /// `value` with exactly one decimal, without Foundation's formatter.
  init(format1 value: Double) {
    let tenths = Int((value * 10).rounded())
    self = "\(tenths / 10).\(abs(tenths % 10))"
  }
}
