import ClusterClient
import Testing

@Suite("LogBuffer") struct LogBufferTests {
  static func line(_ index: Int, id: String) -> String {
    #"{"level":"\#(index % 2 == 0 ? "info" : "warn")","msg":"line \#(index)","correlation_id":"\#(id)"}"#
  }

  @Test("filters lines as they arrive and again, in one pass, when the filter changes")
  func incremental() {
    var buffer = LogBuffer(capacity: 100, filter: LogFilter(correlationID: "a"))
    for index in 0..<10 { buffer.append(Self.line(index, id: index % 3 == 0 ? "a" : "b")) }
    #expect(buffer.passingLines().map(\.sequence) == [0, 3, 6, 9])
    buffer.setFilter(LogFilter(minimumLevel: .warn, correlationID: "b"))
    #expect(buffer.passingLines().map(\.sequence) == [1, 5, 7])
    buffer.append(Self.line(11, id: "b"))
    #expect(buffer.passingLines(last: 2).map(\.sequence) == [7, 10])
  }

  @Test("keeps about its capacity, dropping the oldest lines and their matches")
  func bounded() {
    var buffer = LogBuffer(capacity: 64)
    for index in 0..<1000 { buffer.append(Self.line(index, id: "x"), source: LogSource(namespace: "n", pod: "p")) }
    #expect(buffer.count >= 64 && buffer.count < 64 + 16)
    #expect(buffer.matchCount == buffer.count)
    #expect(buffer.passingLines().last?.text == Self.line(999, id: "x"))
    #expect(buffer.passingLines().last?.source?.pod == "p")
    #expect(buffer.line(0) == nil)
  }

  @Test("the newest passing lines of some sources, across chunks, skipping the other sources")
  func passingFromSources() {
    let pods = (0..<3).map { LogSource(namespace: "n", pod: "p\($0)") }
    var buffer = LogBuffer(capacity: 64, filter: LogFilter(correlationID: "a"))
    for index in 0..<60 { buffer.append(Self.line(index, id: index % 2 == 0 ? "a" : "b"), source: pods[index % 3]) }
    // Passing: the even lines; pod p0 wrote those at 0, 6, 12…, p2 those at 2, 8, 14…
    #expect(buffer.passingLines(last: 3, from: [pods[0]]).map(\.sequence) == [42, 48, 54])
    #expect(buffer.passingLines(last: 4, from: [pods[0], pods[2]]).map(\.sequence) == [48, 50, 54, 56])
    #expect(buffer.passingLines(last: 100, from: [pods[0]]).count == 10)
    #expect(buffer.passingLines(last: 1, from: [pods[2]]).first?.source == pods[2])
    #expect(buffer.passingLines(last: 100, from: [LogSource(namespace: "n", pod: "never")]).isEmpty)
    #expect(buffer.passingLines(last: 5, from: []).isEmpty)
  }

  @Test("while paused, lines are kept but shown only after resume")
  func pause() {
    var buffer = LogBuffer(capacity: 100, filter: LogFilter(correlationID: "a"))
    buffer.append(Self.line(0, id: "a"))
    buffer.pause()
    buffer.append(Self.line(1, id: "a"))
    buffer.append(Self.line(2, id: "b"))
    #expect(buffer.matchCount == 1)
    #expect(buffer.pendingCount == 2)
    buffer.resume()
    #expect(buffer.passingLines().map(\.sequence) == [0, 1])
    #expect(buffer.pendingCount == 0)
  }

  @Test("a line holding a newline stays one line; an ID that spans two lines matches neither")
  func newlines() {
    var buffer = LogBuffer(capacity: 10, filter: LogFilter(substrings: ["a b"]))
    buffer.append("a\nb")
    buffer.append("x a")
    buffer.append("b y")
    #expect(buffer.passingLines().map(\.sequence) == [0])
    buffer.setFilter(LogFilter(substrings: ["a\nb"]))
    #expect(buffer.passingLines().isEmpty)
  }
}
