/// Per-second rates of counters between scrapes, treating a decrease as a counter reset (the
/// process restarted) as PromQL's `rate` does: the value after a reset counts from zero.
public struct CounterRate: Sendable {
  private var previous: [String: (time: Double, value: Double)] = [:]

  public init() {}

  /// Records `value` of the series `key` at `time` (seconds) and returns its rate since the last
  /// record; nil for the first record or when time did not move forward.
  public mutating func update(_ key: String, value: Double, at time: Double) -> Double? {
    defer { previous[key] = (time, value) }
    guard let last = previous[key], time > last.time else { return nil }
    return Self.increase(from: last.value, to: value) / (time - last.time)
  }

  /// Forgets series not updated since `time`, so that vanished series do not pile up.
  public mutating func forget(olderThan time: Double) {
    previous = previous.filter { $0.value.time >= time }
  }

  /// The increase of a counter from `old` to `new`, where a drop means it restarted from zero.
  public static func increase(from old: Double, to new: Double) -> Double {
    new >= old ? new - old : new
  }

  /// The increase over a series of points in time order, resets included, like PromQL's
  /// `increase` without its extrapolation to the edges of the window.
  public static func increase(_ values: [Double]) -> Double {
    zip(values, values.dropFirst()).reduce(0) { $0 + increase(from: $1.0, to: $1.1) }
  }
}
