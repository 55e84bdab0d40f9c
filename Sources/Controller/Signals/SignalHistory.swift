/// The gateway's counts over time, as the controller keeps them in memory: one point per scrape,
/// each holding every key's counts accumulated across counter resets (so a later point never
/// holds less than an earlier one), thinned as points age so that the memory stays bounded:
/// every point of the last hour, one a minute up to 6 hours, one every 10 minutes up to 3 days,
/// one an hour beyond, and nothing older than `retention`. At a 15 s scrape that is at most about
/// 240 + 300 + 400 + 24 a day points, whatever the window. Pure: the caller gives the times.
struct SignalHistory: Sendable {
  /// One scrape's counts.
  struct Point: Sendable {
    /// Milliseconds since the epoch.
    var at: Int64
    var counts: [SignalKey: SignalCounts]
  }

  /// What was counted between two points: the base point at or before the window's start (the
  /// oldest point when the history is shorter, which makes it `partial`) and the newest.
  struct Window: Sendable {
    var counts: [SignalKey: SignalCounts]
    /// Milliseconds between the two points.
    var span: Int64
    /// The history began after the window's start: the counts cover only `span`.
    var partial: Bool

    /// The sum of the counts of the keys `matching` selects.
    func total(_ matching: (SignalKey) -> Bool) -> SignalCounts {
      counts.reduce(into: SignalCounts.zero) { sum, entry in
        if matching(entry.key) { sum = sum.adding(entry.value) }
      }
    }
  }

  private(set) var points: [Point] = []
  /// The last scrape as read, before accumulation, to tell growth from a reset.
  private var lastRaw: [SignalKey: SignalCounts] = [:]
  /// Points older than this (milliseconds) are dropped.
  var retention: Int64
  /// At most this many keys are kept per point; later ones are ignored (the gateway's label sets
  /// are bounded by its routes and services, so this only guards against a runaway exporter).
  var maxKeys: Int

  init(retention: Int64 = 90 * 86_400_000, maxKeys: Int = 4_096) {
    self.retention = retention
    self.maxKeys = maxKeys
  }

  /// Adds a scrape taken at `at`; a key absent from it keeps its counts (it grew by nothing).
  mutating func append(_ raw: [SignalKey: SignalCounts], at: Int64) {
    if let last = points.last, at <= last.at { return }
    var counts = points.last?.counts ?? [:]
    for (key, value) in raw {
      guard counts[key] != nil || counts.count < maxKeys else { continue }
      counts[key] = value.accumulated(onto: counts[key] ?? .zero, lastRaw: lastRaw[key] ?? .zero)
      lastRaw[key] = value
    }
    points.append(Point(at: at, counts: counts))
    thin(now: at)
  }

  /// The counts between the point at or before `start` and the newest point at or before
  /// `end`; nil without two such points.
  func window(from start: Int64, to end: Int64) -> Window? {
    guard let last = points.lastIndex(where: { $0.at <= end }), last > 0 else { return nil }
    let base = points[..<last].lastIndex { $0.at <= start } ?? 0
    let partial = points[base].at > start
    let newest = points[last]
    let oldest = points[base]
    var counts: [SignalKey: SignalCounts] = [:]
    for (key, value) in newest.counts {
      counts[key] = value.since(oldest.counts[key] ?? .zero)
    }
    return Window(counts: counts, span: newest.at - oldest.at, partial: partial)
  }

  /// How far back the history reaches from its newest point, in milliseconds.
  var span: Int64 { (points.last?.at ?? 0) - (points.first?.at ?? 0) }

  /// The smallest gap kept between points of age `age` (milliseconds).
  static func spacing(age: Int64) -> Int64 {
    switch age {
    case ..<3_600_000: 0
    case ..<21_600_000: 60_000
    case ..<259_200_000: 600_000
    default: 3_600_000
    }
  }

  private mutating func thin(now: Int64) {
    var kept: [Point] = []
    kept.reserveCapacity(points.count)
    for point in points where now - point.at <= retention {
      // The newest point always stays; an older one goes when it is too close to the one before.
      if let previous = kept.last, point.at != now, point.at - previous.at < Self.spacing(age: now - point.at) {
        continue
      }
      kept.append(point)
    }
    points = kept
  }
}
