import ClusterClient
import Foundation
import KubeCore
import Testing
import Views

@testable import ConsoleApp

/// The logs pane as a user drives it: filters, pause, search, and correlation mode across every
/// pod, read from the rendered screen.
@Suite("Console log view")
struct ConsoleLogViewTests {
  typealias F = ConsoleFixtures

  static let controller = LogSource(namespace: "aiconsole-system", pod: "aiconsole-controller")
  static let gateway = LogSource(namespace: "aiconsole-system", pod: "aiconsole-gateway")
  static let llama = LogSource(namespace: "demo", pod: "llama-abc")
  static let mistral = LogSource(namespace: "demo", pod: "mistral-xyz")

  /// Two pools with one pod each, the controller and the gateway; `llama` selected.
  func world() -> ConsoleState {
    var state = F.state()
    _ = ConsoleReducer.reduce(
      &state,
      [
        .related(.pods, .added(F.pod("llama-abc", cluster: "llama"))),
        .related(.pods, .added(F.pod("mistral-xyz", cluster: "mistral"))),
        .related(.componentPods, .added(F.componentPod("aiconsole-controller"))),
        .related(.componentPods, .added(F.componentPod("aiconsole-gateway"))),
        .object(F.aiCluster, .added(F.cluster("llama"))),
        .object(F.aiCluster, .added(F.cluster("mistral"))),
      ])
    return state
  }

  /// A JSON line at second `second` past 10:00, written (kubelet time) at the same moment.
  func line(
    _ source: LogSource, _ second: Int, _ message: String, level: String = "info", id: String = "", extra: String = ""
  ) -> ConsoleEvent {
    let ts = "2026-11-30T10:00:\(String(format: "%02d", second)).000Z"
    let text = #"{"ts":"\#(ts)","level":"\#(level)","msg":"\#(message)","correlation_id":"\#(id)"\#(extra)}"#
    return .log(LogRecord(source: source, timestamp: LogTimestamp(rfc3339: ts), text: text))
  }

  func type(_ text: String, _ state: inout ConsoleState) -> [ConsoleEffect] {
    ConsoleReducer.reduce(&state, text.map { .key(.char($0)) })
  }

  func press(_ key: KeyEvent, _ state: inout ConsoleState) -> [ConsoleEffect] {
    ConsoleReducer.reduce(&state, .key(key))
  }

  /// The rendered rows of the logs pane that hold log lines, top to bottom.
  func logRows(_ state: ConsoleState) -> [String] {
    render(state).split(separator: "\n").map(String.init).filter { $0.contains("10:00:") }
  }

  @Test("lines show their pod up front and are merged in time order, a late line put in its place")
  func timeOrder() {
    var state = world()
    _ = ConsoleReducer.reduce(
      &state,
      [
        line(Self.gateway, 2, "request served", id: "req-1"),
        line(Self.controller, 3, "scaling revision", id: "chg-1"),
        line(Self.llama, 1, "generated", id: "req-1"),
      ])
    let rows = logRows(state)
    #expect(rows.count == 3)
    #expect(rows[0].contains("10:00:01.000 INFO  llama-abc generated"))
    #expect(rows[1].contains("10:00:02.000 INFO  aiconsole-gateway request served"))
    #expect(rows[2].contains("10:00:03.000 INFO  aiconsole-controller scaling revision"))
  }

  @Test("/ in the logs filters by text, regex and field; the title shows the filter and esc clears it")
  func filterPrompt() {
    var state = world()
    _ = ConsoleReducer.reduce(
      &state,
      [
        line(Self.gateway, 1, "upstream timed out", level: "warn", extra: #","route":"chat""#),
        line(Self.gateway, 2, "upstream timeout", level: "warn", extra: #","route":"embed""#),
        line(Self.gateway, 3, "request served", extra: #","route":"chat""#),
      ])
    _ = type("l/", &state)
    #expect(state.mode.name == .logPrompt)
    #expect(render(state).contains("logs /"))
    _ = type("route=chat /time(d )?out/", &state)
    _ = press(KeyEvent(.enter), &state)
    var text = render(state)
    #expect(state.mode.name == .normal)
    #expect(text.contains("Logs · filter route=chat /time(d )?out/ ·"))
    #expect(text.contains("upstream timed out"))
    #expect(!text.contains("upstream timeout"))
    #expect(!text.contains("request served"))

    _ = press(KeyEvent(.escape), &state)
    text = render(state)
    #expect(!text.contains("filter route=chat"))
    #expect(text.contains("upstream timeout"))
    #expect(text.contains("request served"))
    #expect(state.focus == .logs)
  }

  @Test("a bad regular expression is an error in the status line, and the typed text stays to be fixed")
  func badRegex() {
    var state = world()
    _ = ConsoleReducer.reduce(&state, [line(Self.gateway, 1, "request served")])
    _ = type("l/", &state)
    _ = type("/time(out/", &state)
    _ = press(KeyEvent(.enter), &state)
    #expect(state.mode.name == .logPrompt)
    #expect(state.mode.prompt?.text == "/time(out/")
    let text = render(state)
    #expect(text.contains("invalid regular expression /time(out/"))
    #expect(text.contains("logs //time(out/"))
    #expect(text.contains("request served"))
  }

  @Test("v filters by level, p pauses (lines are kept and counted) and p again shows them")
  func levelAndPause() {
    var state = world()
    _ = ConsoleReducer.reduce(
      &state, [line(Self.gateway, 1, "request served"), line(Self.gateway, 2, "slow start", level: "warn")])
    _ = type("lvvv", &state)
    var text = render(state)
    #expect(text.contains("level ≥warn"))
    #expect(text.contains("slow start"))
    #expect(!text.contains("request served"))

    _ = type("p", &state)
    _ = ConsoleReducer.reduce(
      &state,
      [line(Self.gateway, 3, "backend refused", level: "error"), line(Self.gateway, 4, "quiet", level: "debug")])
    text = render(state)
    #expect(text.contains("paused (2 new)"))
    #expect(!text.contains("backend refused"))

    _ = type("p", &state)
    text = render(state)
    #expect(text.contains("following"))
    #expect(text.contains("backend refused"))
    #expect(!text.contains("quiet"))
  }

  @Test("f searches the logs: matches are highlighted, n and N move the current one")
  func search() throws {
    var state = world()
    state.theme = .default
    _ = ConsoleReducer.reduce(
      &state, (1...6).map { line(Self.gateway, $0, $0 % 2 == 0 ? "cache hit \($0)" : "cache miss \($0)") })
    _ = type("lf", &state)
    #expect(render(state).contains("search logs:"))
    _ = type("hit", &state)
    _ = press(KeyEvent(.enter), &state)
    let newest = state.logs.view.currentMatch
    #expect(newest.flatMap { state.logs.view.entry(at: $0)?.text.contains("cache hit 6") } == true)
    _ = type("N", &state)
    #expect(state.logs.view.currentMatch.flatMap { state.logs.view.entry(at: $0)?.text.contains("hit 4") } == true)
    _ = type("n", &state)
    #expect(state.logs.view.currentMatch == newest)

    var buffer = ScreenBuffer(width: state.size.width, height: state.size.height)
    ConsoleScreen(state: state).render(into: &buffer, area: buffer.area)
    let lines = buffer.lines()
    #expect(lines.contains { $0.contains("search \"hit\"") })
    let row = try #require(lines.firstIndex { $0.contains("cache hit 6") })
    let match = try #require(lines[row].range(of: "hit 6"))
    let column = lines[row].distance(from: lines[row].startIndex, to: match.lowerBound)
    #expect(buffer[x: column, y: row].style.attributes.contains(.reverse), "the current match is not highlighted")
    #expect(!buffer[x: column - 2, y: row].style.attributes.contains(.reverse))
  }

  @Test(
    "L is prefilled with the newest change-id; enter follows every pod and shows only that ID's lines, kept ones too")
  func correlationMode() {
    var state = world()
    state.activity = [
      activity(1, "scale AICluster demo/llama to 3", changeID: "chg-1"),
      activity(2, "scale AICluster demo/mistral to 2", changeID: "chg-2"),
    ]
    // Lines kept before the mode opens count, as later ones do.
    _ = ConsoleReducer.reduce(
      &state,
      [
        line(Self.controller, 1, "scaling revision", id: "chg-2"),
        line(Self.controller, 2, "scaling revision", id: "chg-1"),
        line(Self.gateway, 3, "request served", id: "req-9"),
      ])
    _ = type("L", &state)
    #expect(state.mode.name == .logPrompt)
    #expect(state.mode.prompt?.text == "chg-2")
    #expect(render(state).contains("logs of correlation id: chg-2"))
    let effects = press(KeyEvent(.enter), &state)
    #expect(effects == [.followLogs([Self.controller, Self.gateway, Self.llama, Self.mistral])])
    _ = ConsoleReducer.reduce(
      &state,
      [
        line(Self.mistral, 4, "instance started", id: "chg-2"),
        line(Self.llama, 5, "generated", id: "req-9"),
      ])
    let text = render(state)
    #expect(text.contains("Logs · correlation chg-2 · 4 pods"))
    let rows = logRows(state)
    #expect(rows.count == 2, "\(rows)")
    #expect(rows.first?.contains("INFO  aiconsole-controller scaling revision correlation_id=chg-2") == true)
    #expect(rows.last?.contains("INFO  mistral-xyz instance started correlation_id=chg-2") == true)
  }

  @Test("correlation mode follows a pod that appears later; esc goes back to the selection's logs")
  func correlationFollowsNewPods() {
    var state = world()
    _ = ConsoleReducer.reduce(&state, [line(Self.llama, 1, "generated", id: "req-1")])
    _ = type(":", &state)
    _ = type("logs req-7", &state)
    let opened = press(KeyEvent(.enter), &state)
    #expect(opened == [.followLogs([Self.controller, Self.gateway, Self.llama, Self.mistral])])
    #expect(render(state).contains("no line with correlation_id req-7 yet"))
    let later = LogSource(namespace: "other", pod: "qwen-1")
    let effects = ConsoleReducer.reduce(
      &state, .related(.pods, .added(F.pod("qwen-1", cluster: "qwen", namespace: "other"))))
    #expect(effects == [.followLogs([Self.controller, Self.gateway, Self.llama, Self.mistral, later])])
    _ = ConsoleReducer.reduce(&state, [line(later, 2, "generated", id: "req-7")])
    #expect(logRows(state).first?.contains("qwen-1 generated correlation_id=req-7") == true)

    let back = press(KeyEvent(.escape), &state)
    #expect(back == [.followLogs([Self.controller, Self.gateway, Self.llama])])
    let text = render(state)
    #expect(!text.contains("correlation req-7"))
    #expect(text.contains("llama-abc generated correlation_id=req-1"))
    #expect(!text.contains("qwen-1"))
  }

  @Test("tab reaches the activity pane once it is shown; enter on a row opens the logs of its change-id")
  func activityRows() {
    var state = world()
    _ = press(KeyEvent(.tab), &state)
    _ = press(KeyEvent(.tab), &state)
    _ = press(KeyEvent(.tab), &state)
    #expect(state.focus == .logs)
    _ = press(KeyEvent(.tab), &state)
    #expect(state.focus == .list, "tab stopped at an activity pane that is not shown")

    state.activity = [
      activity(1, "scale AICluster demo/llama to 3", changeID: "chg-1"),
      activity(2, "pause AICluster demo/mistral", changeID: nil),
    ]
    _ = press(KeyEvent(.backTab), &state)
    #expect(state.focus == .activity)
    #expect(render(state).contains("enter: logs of the change"))
    _ = press(KeyEvent(.enter), &state)
    #expect(render(state).contains("pause AICluster demo/mistral has no change-id yet"))
    _ = type("j", &state)
    let effects = press(KeyEvent(.enter), &state)
    #expect(state.focus == .logs)
    #expect(render(state).contains("Logs · correlation chg-1"))
    #expect(effects.contains(.followLogs([Self.controller, Self.gateway, Self.llama, Self.mistral])))

    // `L` from the activity pane proposes the selected row's change-id.
    _ = press(KeyEvent(.escape), &state)
    _ = press(KeyEvent(.tab), &state)
    #expect(state.focus == .activity)
    _ = type("L", &state)
    #expect(state.mode.prompt?.text == "chg-1")
  }

  @Test("a pod followed again replays its last lines; those already kept are not shown twice")
  func replayedLines() {
    var state = world()
    let first = line(Self.llama, 1, "generated", id: "req-1")
    // Lines written in one batch share their write time: each is new.
    let sameBatch = LogRecord(
      source: Self.llama, timestamp: LogTimestamp(rfc3339: "2026-11-30T10:00:01.000Z"),
      text: #"{"ts":"2026-11-30T10:00:01.000Z","level":"info","msg":"batched","correlation_id":"req-1"}"#)
    _ = ConsoleReducer.reduce(&state, [first, .log(sameBatch)])
    #expect(logRows(state).filter { $0.contains("llama-abc") }.count == 2)
    _ = type("j", &state)
    #expect(state.followedSources.contains(Self.mistral))
    #expect(!render(state).contains("llama-abc generated"))
    _ = type("k", &state)
    _ = ConsoleReducer.reduce(&state, [first, .log(sameBatch), line(Self.llama, 2, "generated again", id: "req-2")])
    let rows = logRows(state).filter { $0.contains("llama-abc") }
    #expect(rows.count == 3, "\(rows)")
  }

  @Test("the lines are kept in a bounded buffer, the view in a smaller one")
  func bounded() {
    var logs = ConsoleLogs()
    logs.setSources([Self.gateway], viewport: 10)
    let total = ConsoleLogs.capacity * 2
    for index in 0..<total {
      let text = #"{"level":"info","msg":"line \#(index)"}"#
      logs.append(LogRecord(source: Self.gateway, timestamp: LogTimestamp(seconds: Int64(index)), text: text))
    }
    #expect(logs.buffer.count < ConsoleLogs.capacity + ConsoleLogs.capacity / 4)
    #expect(logs.view.entries.count <= ConsoleLogs.shownCapacity + ConsoleLogs.shownCapacity / 8)
    #expect(logs.view.entries.last?.text.hasSuffix("line \(total - 1)") == true)
    #expect(logs.shownTimes.count == logs.view.entries.count)
  }

  func activity(_ id: Int, _ summary: String, changeID: String?) -> ActivityRecord {
    ActivityRecord(
      id: id, summary: summary,
      target: ObjectIdentity(F.aiCluster, namespace: "demo", name: "llama"), changeID: changeID,
      result: changeID == nil ? nil : "ok")
  }
}
