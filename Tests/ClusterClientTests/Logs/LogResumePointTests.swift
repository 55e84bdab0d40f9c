import ClusterClient
import Testing

@Suite("LogResumePoint and ReconnectBackoff")
struct LogResumePointTests {
  static func stamp(_ seconds: Int64, _ nanoseconds: Int32 = 0) -> LogTimestamp {
    LogTimestamp(seconds: seconds, nanoseconds: nanoseconds)
  }

  /// The texts of `lines` that `point` admits, in order.
  static func admitted(_ point: inout LogResumePoint, _ lines: [(LogTimestamp?, String)]) -> [String] {
    lines.filter { point.admit(timestamp: $0.0, text: $0.1) }.map(\.1)
  }

  @Test("after a reconnect, skips lines older than the last stamp and as many of each text at it")
  func skipsReplays() {
    var point = LogResumePoint()
    let first = [(Self.stamp(9), "old"), (Self.stamp(10), "x"), (Self.stamp(10), "x"), (Self.stamp(10), "y")]
    #expect(Self.admitted(&point, first) == ["old", "x", "x", "y"])
    point.reconnected()
    let replay = [
      (Self.stamp(9), "old"), (Self.stamp(10), "x"), (Self.stamp(10), "y"), (Self.stamp(10), "x"),
      (Self.stamp(10), "x"), (Self.stamp(10), "z"), (Self.stamp(11), "x"),
    ]
    #expect(Self.admitted(&point, replay) == ["x", "z", "x"])
    #expect(point.last == Self.stamp(11))
  }

  @Test("without a reconnect, repeated lines are new lines")
  func noReconnect() {
    var point = LogResumePoint()
    let lines = [(Self.stamp(5), "same"), (Self.stamp(5), "same"), (Self.stamp(4), "clock stepped back")]
    #expect(Self.admitted(&point, lines) == ["same", "same", "clock stepped back"])
    #expect(point.last == Self.stamp(5))
  }

  @Test("two reconnects in a row skip everything delivered at the last stamp")
  func twoReconnects() {
    var point = LogResumePoint()
    #expect(Self.admitted(&point, [(Self.stamp(5), "a")]) == ["a"])
    point.reconnected()
    #expect(Self.admitted(&point, [(Self.stamp(5), "a"), (Self.stamp(5), "b")]) == ["b"])
    point.reconnected()
    #expect(Self.admitted(&point, [(Self.stamp(5), "a"), (Self.stamp(5), "b"), (Self.stamp(5), "c")]) == ["c"])
  }

  @Test("lines without a stamp always pass; the resume time is rounded down to the second")
  func unstamped() {
    var point = LogResumePoint()
    #expect(point.sinceTime == nil)
    #expect(Self.admitted(&point, [(nil, "a"), (Self.stamp(7, 900), "b")]) == ["a", "b"])
    point.reconnected()
    #expect(Self.admitted(&point, [(nil, "a"), (Self.stamp(7, 900), "b")]) == ["a"])
    #expect(point.sinceTime == Self.stamp(7))
  }

  @Test("backoff doubles up to the cap and jitter stays within its share")
  func backoff() {
    let backoff = ReconnectBackoff(initial: .milliseconds(100), maximum: .seconds(1), multiplier: 2, jitter: 0.5)
    #expect(backoff.delay(attempt: 0, random: 1) == .milliseconds(100))
    #expect(backoff.delay(attempt: 2, random: 1) == .milliseconds(400))
    #expect(backoff.delay(attempt: 10, random: 1) == .seconds(1))
    #expect(backoff.delay(attempt: 10, random: 0) == .milliseconds(500))
    for attempt in 0..<8 {
      let delay = backoff.delay(attempt: attempt)
      #expect(delay >= .milliseconds(50) && delay <= .seconds(1))
    }
  }
}
