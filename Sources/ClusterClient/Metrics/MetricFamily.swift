/// All samples that share one `# HELP`/`# TYPE` name; a histogram or summary family also holds
/// its `_bucket`, `_sum` and `_count` series.
public struct MetricFamily: Sendable, Hashable {
  /// The family name from `# TYPE`/`# HELP`, or the sample name of an undeclared family.
  public var name: String
  /// The `# HELP` text with escapes resolved, when there was one.
  public var help: String?
  /// The declared type; `.untyped` when there was no `# TYPE` line.
  public var type: MetricType
  /// The samples in exposition order.
  public var samples: [MetricSample]

  /// A family.
  public init(name: String, help: String? = nil, type: MetricType = .untyped, samples: [MetricSample] = []) {
    self.name = name
    self.help = help
    self.type = type
    self.samples = samples
  }

  /// The samples whose labels include every pair in `selector`.
  public func samples(matching selector: [String: String]) -> [MetricSample] {
    samples.filter { $0.matches(selector) }
  }
}
