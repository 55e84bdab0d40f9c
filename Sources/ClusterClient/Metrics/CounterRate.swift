/// Rates and increases of a counter from its points in time order, treating any decrease as a
/// counter reset the way PromQL's `rate`, `increase` and `resets` do: the counter restarted from
/// zero, so the value before the drop is added back.
public enum CounterRate {
  /// How much the counter grew from the first point to the last, across resets; nil with fewer
  /// than two points.
  public static func increase(_ points: [MetricPoint]) -> Double? {
    guard let first = points.first, let last = points.last, points.count >= 2 else { return nil }
    var result = last.value - first.value
    var previous = first.value
    for point in points.dropFirst() {
      if point.value < previous { result += previous }
      previous = point.value
    }
    return result
  }

  /// The increase per second between the first and the last point, without extrapolation (what
  /// a console shows between two of its own scrapes); nil with fewer than two points or no time
  /// between them.
  public static func perSecond(_ points: [MetricPoint]) -> Double? {
    guard let increase = increase(points), let first = points.first, let last = points.last,
      last.timestampMilliseconds > first.timestampMilliseconds
    else { return nil }
    return increase / (Double(last.timestampMilliseconds - first.timestampMilliseconds) / 1000)
  }

  /// How many times the counter went down.
  public static func resets(_ points: [MetricPoint]) -> Int {
    zip(points, points.dropFirst()).count { $1.value < $0.value }
  }

  /// PromQL's `increase(x[range])` evaluated at `windowEnd` over the points inside the window
  /// `windowStart...windowEnd` (milliseconds): the increase extrapolated towards the window's
  /// edges, never past the counter's zero point. Nil with fewer than two points.
  public static func extrapolatedIncrease(_ points: [MetricPoint], windowStart: Int64, windowEnd: Int64) -> Double? {
    guard let increase = increase(points), let first = points.first, let last = points.last else { return nil }
    var durationToStart = Double(first.timestampMilliseconds - windowStart) / 1000
    let durationToEnd = Double(windowEnd - last.timestampMilliseconds) / 1000
    let sampledInterval = Double(last.timestampMilliseconds - first.timestampMilliseconds) / 1000
    let averageBetweenSamples = sampledInterval / Double(points.count - 1)
    if increase > 0, first.value >= 0 {
      // A counter cannot have been below zero, so the extrapolation stops at the time it was zero.
      let durationToZero = sampledInterval * (first.value / increase)
      if durationToZero < durationToStart { durationToStart = durationToZero }
    }
    // Extrapolate to an edge only when it is about one sample interval away; farther means the
    // series started or ended inside the window, so assume half an interval instead.
    let threshold = averageBetweenSamples * 1.1
    var interval = sampledInterval
    interval += durationToStart < threshold ? durationToStart : averageBetweenSamples / 2
    interval += durationToEnd < threshold ? durationToEnd : averageBetweenSamples / 2
    return increase * (interval / sampledInterval)
  }

  /// PromQL's `rate(x[range])` evaluated at `windowEnd`: the extrapolated increase divided by the
  /// window's length in seconds.
  public static func extrapolatedRate(_ points: [MetricPoint], windowStart: Int64, windowEnd: Int64) -> Double? {
    guard windowEnd > windowStart,
      let increase = extrapolatedIncrease(points, windowStart: windowStart, windowEnd: windowEnd)
    else { return nil }
    return increase / (Double(windowEnd - windowStart) / 1000)
  }
}
