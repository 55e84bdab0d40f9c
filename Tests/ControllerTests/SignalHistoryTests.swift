import Testing

@testable import Controller

/// The controller's in-memory history of the gateway's counters: resets, windows, partial
/// windows and the bounded memory.
@Suite struct SignalHistoryTests {
  static let key = SignalKey(route: "default/chat", namespace: "default", service: "chat", pool: "stable")

  static func counts(_ requests: Double, errors: Double = 0) -> [SignalKey: SignalCounts] {
    [key: SignalCounts(requests: requests, serverErrors: errors)]
  }

  @Test("a counter that falls restarted from zero: what it counts again is growth")
  func resets() throws {
    var history = SignalHistory()
    for (index, value) in [100.0, 150, 20, 50].enumerated() {
      history.append(Self.counts(value), at: Int64(index) * 60_000)
    }
    let window = try #require(history.window(from: 0, to: 180_000))
    #expect(window.counts[Self.key]?.requests == 100)  // 50 + 20 (after the reset) + 30
    #expect(window.span == 180_000 && !window.partial)
  }

  @Test("a window starts at the last point at or before its start")
  func windowBase() throws {
    var history = SignalHistory()
    for minute in 0...10 { history.append(Self.counts(Double(minute) * 100), at: Int64(minute) * 60_000) }
    let window = try #require(history.window(from: 300_000, to: 600_000))
    #expect(window.counts[Self.key]?.requests == 500)
    let between = try #require(history.window(from: 330_000, to: 600_000))
    #expect(between.counts[Self.key]?.requests == 500)  // from minute 5, the last point before 5:30
  }

  @Test("a window longer than the history is counted over the history and says it is partial")
  func partial() throws {
    var history = SignalHistory()
    for minute in 0...10 { history.append(Self.counts(Double(minute) * 100), at: Int64(minute) * 60_000) }
    let hour = try #require(history.window(from: 600_000 - 3_600_000, to: 600_000))
    #expect(hour.partial && hour.span == 600_000)
    #expect(hour.counts[Self.key]?.requests == 1000)
  }

  @Test("one point is no window")
  func onePoint() {
    var history = SignalHistory()
    history.append(Self.counts(5), at: 0)
    #expect(history.window(from: 0, to: 10) == nil)
  }

  @Test("the memory stays bounded: every point of the last hour, one a minute before, none past retention")
  func thinning() {
    var history = SignalHistory(retention: 3 * 3_600_000)
    let step: Int64 = 15_000
    let end: Int64 = 4 * 3_600_000
    var at: Int64 = 0
    while at <= end {
      history.append(Self.counts(Double(at / step)), at: at)
      at += step
    }
    // 240 points of the last hour, about one a minute of the two hours before, none older.
    #expect(history.points.count <= 240 + 121 + 1)
    #expect(history.points.count >= 240 + 110)
    #expect(history.points.first.map { end - $0.at <= 3 * 3_600_000 } == true)
    let gaps = zip(history.points, history.points.dropFirst()).filter { end - $0.1.at > 3_600_000 }
      .map { $0.1.at - $0.0.at }
    #expect(gaps.allSatisfy { $0 >= 60_000 })
  }

  @Test("a key absent from a scrape keeps its counts; a new key counts from zero")
  func absentAndNewKeys() throws {
    var history = SignalHistory()
    let other = SignalKey(route: "default/other")
    history.append(Self.counts(10), at: 0)
    history.append([other: SignalCounts(requests: 7)], at: 60_000)
    history.append(Self.counts(15), at: 120_000)
    let window = try #require(history.window(from: 0, to: 120_000))
    #expect(window.counts[Self.key]?.requests == 5)
    #expect(window.counts[other]?.requests == 7)
  }
}
