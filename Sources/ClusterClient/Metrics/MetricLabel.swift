/// One `name="value"` pair of a sample, kept in the order the exposition wrote it.
public struct MetricLabel: Sendable, Hashable {
  /// The label name, such as `model_name` or `le`.
  public var name: String
  /// The label value, with escapes already resolved.
  public var value: String

  /// A label pair.
  public init(_ name: String, _ value: String) {
    self.name = name
    self.value = value
  }
}
