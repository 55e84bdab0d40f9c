/// The kind of a metric family, as a `# TYPE` line declares it; families without one are untyped.
public enum MetricType: String, Sendable, Hashable, CaseIterable {
  case counter
  case gauge
  case histogram
  case summary
  case untyped
}
