import ClusterClient
import Testing

@testable import ConsoleApp

@Suite("MergedLog") struct MergedLogTests {
  static func record(_ pod: String, _ second: Int64?) -> LogRecord {
    LogRecord(
      source: LogSource(namespace: "n", pod: pod), timestamp: second.map { LogTimestamp(seconds: $0) }, text: pod)
  }

  @Test("inserts a late line where its time puts it, after lines of the same time")
  func order() {
    var log = MergedLog(capacity: 10)
    for (pod, second) in [("a", 1), ("b", 3), ("c", 2), ("d", 3), ("e", 0)] as [(String, Int64)] {
      log.insert(Self.record(pod, second))
    }
    log.insert(Self.record("no-time", nil))
    #expect(log.kept.map(\.text) == ["e", "a", "c", "b", "d", "no-time"])
  }

  @Test("keeps the newest records within its capacity")
  func bounded() {
    var log = MergedLog(capacity: 8)
    for second in 0..<100 { log.insert(Self.record("p\(second)", Int64(second))) }
    #expect(log.kept.map(\.text) == (92..<100).map { "p\($0)" })
    #expect(log.records.count <= 9)
  }

  @Test("sorts finished reads by time, keeping each source's order among equal times")
  func sorted() {
    let records = [Self.record("x", 2), Self.record("y", 1), Self.record("z", 2), Self.record("w", nil)]
    #expect(MergedLog.sorted(records).map(\.text) == ["y", "x", "z", "w"])
  }
}
