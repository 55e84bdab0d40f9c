import Testing

@testable import Views

@Suite("LogView")
struct LogViewTests {
  static func sample() -> LogViewState {
    var logs = LogViewState()
    logs.append(
      LogEntry(
        time: "12:00:01.250", level: "INFO", levelRole: .logInfo, source: nil, message: "served",
        fields: [("model", "llama"), ("latency_ms", "42")]))
    logs.append(LogEntry(plain: "plain ERROR line with text", role: .logError))
    logs.append(
      LogEntry(
        time: nil, level: "WARN", levelRole: .logWarn, source: nil, message: "slow 日本", fields: [("route", "chat")]))
    return logs
  }

  /// Plain lines.
  static func plain(_ lines: [String]) -> [LogEntry] { lines.map { LogEntry(plain: $0) } }

  @Test("lays out a structured line as time, level, message, then key=value")
  func structuredLine() {
    let entry = LogEntry(
      time: "01:02:03.004", level: "ERROR", levelRole: .logError, source: nil, message: "hi",
      fields: [("pod", "a b"), ("n", "1")])
    #expect(entry.text == #"01:02:03.004 ERROR hi pod="a b" n=1"#)
    #expect(entry.segments.first { $0.text.hasPrefix("ERROR") }?.role == .logError)
    let unlevelled = LogEntry(time: nil, level: nil, levelRole: .logWarn, source: nil, message: "hi", fields: [])
    #expect(unlevelled.text == "      hi", "the level column stays, blank")
    #expect(unlevelled.segments.allSatisfy { $0.role == .text })
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
    logs.append(contentsOf: Self.plain((0..<10).map { "line \($0)" }))
    logs.scroll(by: -3, viewport: 2)
    #expect(!logs.follow)
    logs.append(LogEntry(plain: "line 10"))
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
    logs.append(contentsOf: Self.plain((0..<20).map { $0 % 5 == 0 ? "hit \($0)" : "miss \($0)" }))
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

  @Test("the source is shown after the level, before the message")
  func sourceUpFront() {
    let entry = LogEntry(
      time: "01:02:03.004", level: "INFO", levelRole: .logInfo, source: "gw-1", message: "served",
      fields: [("route", "chat")])
    #expect(entry.text == "01:02:03.004 INFO  gw-1 served route=chat")
  }

  @Test("a late line is inserted where it belongs; a paused view and the current match stay on their lines")
  func insert() throws {
    var logs = LogViewState()
    logs.append(contentsOf: Self.plain((0..<10).map { "line \($0)" }))
    logs.setSearch("line 8", viewport: 4)
    let top = logs.top
    logs.insert(LogEntry(plain: "late"), before: 2)
    #expect(logs.entry(at: 2)?.text == "late")
    #expect(logs.entry(at: try #require(logs.currentMatch))?.text == "line 8")
    #expect(logs.top == top + 1)
    logs.insert(LogEntry(plain: "last"), before: 100)
    #expect(logs.entries.last?.text == "last")
  }

  @Test("replacing every line keeps wrap, follow and the search")
  func replaceAll() {
    var logs = LogViewState()
    logs.append(contentsOf: Self.plain((0..<10).map { "line \($0)" }))
    logs.toggleWrap()
    logs.setSearch("line", viewport: 4)
    logs.replaceAll(with: Self.plain(["line a", "other", "line b"]), viewport: 4)
    #expect(logs.entries.map(\.text) == ["line a", "other", "line b"])
    #expect(logs.wrap)
    #expect(!logs.follow)
    #expect(logs.search == "line")
    #expect(logs.currentMatch == 2)
  }

  @Test("keeps at most its capacity")
  func capacity() {
    var logs = LogViewState(capacity: 8)
    logs.append(contentsOf: Self.plain((0..<100).map { "l\($0)" }))
    #expect(logs.entries.count == 8)
    #expect(logs.entry(at: 99)?.text == "l99")
    #expect(logs.entry(at: 10) == nil)
  }
}
