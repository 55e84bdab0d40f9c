import Testing

@testable import Views

@Suite("LogView")
struct LogViewTests {
  static func sample() -> LogViewState {
    var logs = LogViewState()
    logs.append(#"{"ts":"2025-06-01T12:00:01.250Z","level":"info","msg":"served","model":"llama","latency_ms":42}"#)
    logs.append("plain ERROR line with text")
    logs.append(#"{"level":"warn","msg":"slow 日本","route":"chat"}"#)
    return logs
  }

  @Test("shows JSON lines as time, level, message, then key=value")
  func jsonFields() {
    let entry = LogEntry(parsing: #"{"msg":"hi","level":"error","ts":"2025-06-01T01:02:03.004Z","pod":"a b","n":1}"#)
    #expect(entry.text == #"01:02:03.004 ERROR hi pod="a b" n=1"#)
    #expect(entry.level == .error)
    #expect(LogEntry(parsing: "2025 WARN disk low").level == .warn)
  }

  @Test("follows the newest lines without wrapping")
  func noWrap() {
    let logs = Self.sample()
    #expect(
      snapshot(30, 3) { LogView().render(into: &$0, area: $1, state: logs, theme: .plain) } == [
        "12:00:01.250 INFO  served mode",
        "plain ERROR line with text    ",
        "WARN  slow 日本 route=chat    ",
      ])
    #expect(
      snapshot(30, 1) { LogView().render(into: &$0, area: $1, state: logs, theme: .plain) } == [
        "WARN  slow 日本 route=chat    "
      ])
  }

  @Test("wraps long lines")
  func wrap() {
    var logs = Self.sample()
    logs.wrap = true
    #expect(
      snapshot(30, 4) { LogView().render(into: &$0, area: $1, state: logs, theme: .plain) } == [
        "12:00:01.250 INFO  served mode",
        "l=llama latency_ms=42         ",
        "plain ERROR line with text    ",
        "WARN  slow 日本 route=chat    ",
      ])
    #expect(
      snapshot(30, 2) { LogView().render(into: &$0, area: $1, state: logs, theme: .plain) } == [
        "plain ERROR line with text    ",
        "WARN  slow 日本 route=chat    ",
      ])
  }

  @Test("scrolls horizontally without splitting wide characters")
  func horizontalScroll() {
    var logs = Self.sample()
    logs.scrollHorizontally(by: 13)
    #expect(
      snapshot(20, 3) { LogView().render(into: &$0, area: $1, state: logs, theme: .plain) } == [
        "INFO  served model=l", "ine with text       ", "本 route=chat       ",
      ])
  }

  @Test("pauses when scrolled up and resumes at the end")
  func pauseAndFollow() {
    var logs = LogViewState()
    logs.append(contentsOf: (0..<10).map { "line \($0)" })
    logs.scroll(by: -3, viewport: 2)
    #expect(!logs.follow)
    logs.append("line 10")
    #expect(
      snapshot(8, 2) { LogView().render(into: &$0, area: $1, state: logs, theme: .plain) } == ["line 5  ", "line 6  "])
    logs.scroll(by: 100, viewport: 2)
    #expect(logs.follow)
    #expect(
      snapshot(8, 2) { LogView().render(into: &$0, area: $1, state: logs, theme: .plain) } == ["line 9  ", "line 10 "])
  }

  @Test("search highlights matches and moves between them")
  func search() {
    var logs = LogViewState()
    logs.append(contentsOf: (0..<20).map { $0 % 5 == 0 ? "hit \($0)" : "miss \($0)" })
    logs.setSearch("hit", viewport: 4)
    #expect(logs.currentMatch == 15)
    logs.nextMatch(viewport: 4)
    #expect(logs.currentMatch == 0)
    logs.nextMatch(viewport: 4)
    #expect(logs.currentMatch == 5)
    logs.previousMatch(viewport: 4)
    #expect(logs.currentMatch == 0)
    let buffer = frame(10, 4) { LogView().render(into: &$0, area: $1, state: logs, theme: .default) }
    #expect(buffer.lines().first == "hit 0     ")
    #expect(buffer[x: 0, y: 0].style.attributes.contains(.reverse))
    #expect(buffer[x: 3, y: 0].style.attributes.isEmpty)
  }

  @Test("a src field is shown after the level, before the message")
  func sourceUpFront() {
    let entry = LogEntry(
      parsing: #"{"ts":"2025-06-01T01:02:03.004Z","level":"info","msg":"served","route":"chat","src":"gw-1"}"#)
    #expect(entry.text == "01:02:03.004 INFO  gw-1 served route=chat")
  }

  @Test("a late line is inserted where it belongs; a paused view and the current match stay on their lines")
  func insert() throws {
    var logs = LogViewState()
    logs.append(contentsOf: (0..<10).map { "line \($0)" })
    logs.setSearch("line 8", viewport: 4)
    let top = logs.top
    logs.insert("late", before: 2)
    #expect(logs.entry(at: 2)?.text == "late")
    #expect(logs.entry(at: try #require(logs.currentMatch))?.text == "line 8")
    #expect(logs.top == top + 1)
    logs.insert("last", before: 100)
    #expect(logs.entries.last?.text == "last")
  }

  @Test("replacing every line keeps wrap, follow and the search")
  func replaceAll() {
    var logs = LogViewState()
    logs.append(contentsOf: (0..<10).map { "line \($0)" })
    logs.toggleWrap()
    logs.setSearch("line", viewport: 4)
    logs.replaceAll(with: ["line a", "other", "line b"], viewport: 4)
    #expect(logs.entries.map(\.text) == ["line a", "other", "line b"])
    #expect(logs.wrap)
    #expect(!logs.follow)
    #expect(logs.search == "line")
    #expect(logs.currentMatch == 2)
  }

  @Test("keeps at most its capacity")
  func capacity() {
    var logs = LogViewState(capacity: 8)
    logs.append(contentsOf: (0..<100).map { "l\($0)" })
    #expect(logs.entries.count == 8)
    #expect(logs.entry(at: 99)?.raw == "l99")
    #expect(logs.entry(at: 10) == nil)
  }
}
