import ClusterClient
import KubeCore
import Testing
import Views

@testable import ConsoleApp

/// A log line is parsed once, by `LogRecord`: the logs pane draws what the record read (its level,
/// time, message and fields), not a second reading of the text.
@Suite("Log entry from a record")
struct LogEntryRecordTests {
  static let gateway = LogSource(namespace: "aiconsole-system", pod: "aiconsole-gateway")

  /// The logs pane's model after following the gateway and receiving `lines`.
  static func logs(_ lines: [String]) -> ConsoleLogs {
    var logs = ConsoleLogs()
    logs.setSources([gateway], viewport: 10)
    for line in lines { logs.append(LogRecord(line: line, source: gateway, timestamped: false)) }
    return logs
  }

  /// The log view of `logs` drawn `width` columns wide in the default theme.
  static func render(_ logs: ConsoleLogs, width: Int = 72) -> ScreenBuffer {
    var buffer = ScreenBuffer(width: width, height: logs.view.entries.count)
    LogView().render(into: &buffer, area: buffer.area, state: logs.view, theme: .default)
    return buffer
  }

  @Test("a record at level warn shows as a warning line: its label in the warning role, its fields after")
  func warnRecord() {
    // Blanks around the object: the record reads it as JSON, so the view shows its parts, not
    // the raw text (a second parser that wanted `{` first did not).
    let logs = Self.logs([#"  {"ts":"2026-11-30T10:00:01.250Z","level":"warn","msg":"slow backend","route":"chat"} "#])
    let buffer = Self.render(logs)
    let row = "10:00:01.250 WARN  aiconsole-gateway slow backend route=chat"
    #expect(buffer.lines() == [row + String(repeating: " ", count: 72 - row.count)])
    let theme = Theme.default
    let warn = theme[.text].patched(with: theme[.logWarn])
    #expect((13..<17).allSatisfy { buffer[x: $0, y: 0].style == warn }, "WARN is drawn in the warning role")
    #expect(buffer[x: 37, y: 0].style == theme[.text], "the message is plain text")
    #expect(warn != theme[.text], "the default theme tells a warning apart")
  }

  @Test("the view line takes the record's time, level and message under other loggers' names")
  func otherSpellings() {
    let record = LogRecord(
      line: #"{"severity":"ERROR","time":"2026-11-30T10:00:02Z","message":"disk full","disk":"sda","used":0.97}"#,
      source: Self.gateway, timestamped: false)
    let entry = LogEntry(record, source: "node-1")
    #expect(entry.text == "10:00:02.000 ERROR node-1 disk full disk=sda used=0.97")
    #expect(entry.segments.first { $0.text.hasPrefix("ERROR") }?.role == .logError)
  }

  @Test("fields keep their order; a nested value shows as JSON, a value with a space quoted")
  func fields() {
    let record = LogRecord(
      line: #"{"msg":"served","model":"llama 3","tokens":{"in":3,"out":4},"ok":true,"level":"info"}"#,
      source: Self.gateway, timestamped: false)
    #expect(LogEntry(record, source: nil).text == #"INFO  served model="llama 3" tokens={"in":3,"out":4} ok=true"#)
  }

  @Test("a plain line keeps its text, tagged with its pod and coloured by the level it shouts")
  func plainLine() {
    let warn = LogEntry(LogRecord(line: "2026 WARN disk low", source: Self.gateway, timestamped: false), source: "gw")
    #expect(warn.text == "[gw] 2026 WARN disk low")
    #expect(warn.segments.map(\.role) == [.logWarn])
    let info = LogEntry(LogRecord(line: "INFO started", source: Self.gateway, timestamped: false), source: nil)
    #expect(info.segments.map(\.role) == [.text], "info is how most lines read: not coloured")
  }

  @Test("a line that is not a JSON object is shown as it came", arguments: ["{not json", "[1, 2]", ""])
  func notJSON(line: String) {
    let entry = LogEntry(LogRecord(line: line, source: Self.gateway, timestamped: false), source: nil)
    #expect(entry.text == line)
  }
}
