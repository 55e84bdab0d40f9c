import ClusterClient
import Foundation
import Views

/// Runs the Views toolkit demo full screen: a table of generated rows, a log view, sparklines,
/// gauges, a status bar with key hints, `?` help, `/` filter. Returns the process exit code.
///
/// Arguments: `--rows N` (default 20000), `--theme NAME`, `--readonly`.
func runUIDemo(arguments: [String]) -> Int32 {
  let environment = ProcessInfo.processInfo.environment
  let options = DemoOptions(arguments)
  let (theme, themeError) = ThemeLoader(environment: environment).load(options.theme)
  if let themeError { JSONLineLogHandler.writeToStandardError(Array("warning: \(themeError)\n".utf8)) }
  var app = DemoApp(rows: options.rows, theme: theme, readOnly: options.readOnly)
  do {
    return try TerminalSession.run(&app, theme: theme, environment: environment)
  } catch {
    JSONLineLogHandler.writeToStandardError(Array("views-demo: \(error)\n".utf8))
    return 1
  }
}

/// Command-line options of the demo.
struct DemoOptions {
  var rows = 20_000
  var theme = "default"
  var readOnly = false

  init(_ arguments: [String]) {
    var i = 0
    while i < arguments.count {
      switch arguments[i] {
      case "--rows" where i + 1 < arguments.count: rows = Int(arguments[i + 1]) ?? rows; i += 1
      case "--theme" where i + 1 < arguments.count: theme = arguments[i + 1]; i += 1
      case "--readonly": readOnly = true
      default: break
      }
      i += 1
    }
  }
}

/// What the demo's keys do.
enum DemoAction: Hashable, Sendable {
  case help, filter, search, down, up, pageDown, pageUp, top, bottom, focus, follow, wrap, nextMatch, previousMatch
  case sort, scale, quit
}

/// The demo application: state, event handling and rendering.
struct DemoApp: TerminalApplication {
  enum Mode { case normal, help, filter, search }
  enum Focus { case table, logs }

  let theme: Theme
  var keyMap: KeyMap<DemoAction>
  var table: TableState<String>
  var logs = LogViewState(capacity: 5_000)
  /// Where the demo's generated log lines pretend to come from.
  static let logSource = LogSource(namespace: "demo", pod: "gateway", container: "gateway")
  var tokens: [Double] = []
  var latency: [Double] = []
  var gpu = 0.42
  var mode = Mode.normal
  var focus = Focus.table
  var prompt = PromptState(prefix: "/")
  var flash = ""
  var size = Size(width: 80, height: 24)
  var random = DemoRandom(seed: 42)
  var tickCount = 0

  var tickInterval: Int32? { 500 }
  var monochrome: Bool { theme.monochrome }

  static let columns = [
    TableColumn("NAME", width: .flex(weight: 3, minimum: 12)),
    TableColumn("NAMESPACE", width: .fit(minimum: 9, maximum: 14)),
    TableColumn("STATUS", width: .fixed(9)), TableColumn("READY", width: .fixed(6), alignment: .right),
    TableColumn("GPU", width: .fixed(5), alignment: .right), TableColumn("AGE", width: .fixed(5), alignment: .right),
  ]

  init(rows: Int, theme: Theme, readOnly: Bool) {
    self.theme = theme
    keyMap = KeyMap(DemoApp.bindings, readOnly: readOnly)
    table = TableState(rows: (0..<rows).map(DemoApp.row))
    for _ in 0..<200 { tick() }
    tokens = []
    latency = []
    for _ in 0..<120 { sample() }
  }

  static let bindings: [KeyBinding<DemoAction>] = [
    KeyBinding([.char("?")], .help, label: "help", description: "show this help"),
    KeyBinding([.char("/")], .filter, label: "filter", description: "filter the table (!text inverts)"),
    KeyBinding(
      [.char("j"), KeyEvent(.down)], .down, label: "down", description: "move down", group: "Navigation",
      showInHints: false),
    KeyBinding(
      [.char("k"), KeyEvent(.up)], .up, label: "up", description: "move up", group: "Navigation", showInHints: false),
    KeyBinding(
      [KeyEvent(.pageDown), .ctrl("f")], .pageDown, label: "page down", group: "Navigation", showInHints: false),
    KeyBinding([KeyEvent(.pageUp), .ctrl("b")], .pageUp, label: "page up", group: "Navigation", showInHints: false),
    KeyBinding(
      [.char("g"), KeyEvent(.home)], .top, label: "top", description: "first row", group: "Navigation",
      showInHints: false),
    KeyBinding(
      [.char("G"), KeyEvent(.end)], .bottom, label: "bottom", description: "last row", group: "Navigation",
      showInHints: false),
    KeyBinding([KeyEvent(.tab)], .focus, label: "pane", description: "next pane", group: "Navigation"),
    KeyBinding([.char("o")], .sort, label: "sort", description: "sort by the next column", group: "Table"),
    KeyBinding(
      [.char("s")], .scale, label: "scale", description: "scale the selection", group: "Table", isMutating: true),
    KeyBinding([.char("p")], .follow, label: "follow", description: "pause/resume following the log", group: "Logs"),
    KeyBinding([.char("w")], .wrap, label: "wrap", description: "wrap long lines", group: "Logs", showInHints: false),
    KeyBinding(
      [.char("f")], .search, label: "search", description: "search the log", group: "Logs", showInHints: false),
    KeyBinding([.char("n")], .nextMatch, label: "next", description: "next match", group: "Logs", showInHints: false),
    KeyBinding(
      [.char("N")], .previousMatch, label: "prev", description: "previous match", group: "Logs", showInHints: false),
    KeyBinding([.char("q"), .ctrl("c")], .quit, label: "quit", description: "quit"),
  ]

  static func row(_ i: Int) -> TableRow<String> {
    let statuses = ["Ready", "Ready", "Ready", "Pending", "Degraded"]
    let status = statuses[i % statuses.count]
    let role: ThemeRole = status == "Ready" ? .statusOK : status == "Pending" ? .statusWarn : .statusError
    let name = "model-" + String(repeating: "0", count: max(0, 5 - String(i).count)) + String(i)
    return TableRow(
      id: name,
      cells: [name, "team-\(["a", "b", "c"][i % 3])", status, "\(i % 4)/3", "\((i * 37) % 100)%", "\(i % 59 + 1)m"],
      role: role)
  }
}

extension DemoApp {
  mutating func handle(_ event: InputEvent) -> AppCommand {
    switch event {
    case .resize(let newSize):
      size = newSize
      return .redraw
    case .tick:
      tick()
      sample()
      return .redraw
    case .key(let key):
      return handle(key: key)
    case .paste:
      if mode == .filter || mode == .search { _ = prompt.handle(event) }
      return .redraw
    case .mouse(.wheelDown):
      table.moveSelection(by: 3, viewport: viewport)
      return .redraw
    case .mouse(.wheelUp):
      table.moveSelection(by: -3, viewport: viewport)
      return .redraw
    default:
      return .ignore
    }
  }

  mutating func handle(key: KeyEvent) -> AppCommand {
    switch mode {
    case .help:
      if key.key == .escape || key == .char("?") || key == .char("q") { mode = .normal }
      return .redraw
    case .filter, .search:
      return handlePrompt(key)
    case .normal:
      if let refused = keyMap.refusedInReadOnly(key) {
        flash = "read-only: '\(refused.label)' is disabled"
        return .redraw
      }
      guard let action = keyMap.action(for: key) else { return .ignore }
      return perform(action)
    }
  }

  mutating func handlePrompt(_ key: KeyEvent) -> AppCommand {
    let outcome = prompt.handle(.key(key))
    let searching = mode == .search
    switch outcome {
    case .editing:
      if !searching { table.setFilter(prompt.text) }
    case .submitted(let text):
      mode = .normal
      if searching { logs.setSearch(text, viewport: logViewport) } else { table.setFilter(text) }
      flash = searching ? "search: \(text)" : "filter: \(text) (\(table.count) rows)"
    case .cancelled:
      mode = .normal
      if !searching { table.setFilter("") }
    }
    return .redraw
  }

  mutating func perform(_ action: DemoAction) -> AppCommand {
    switch action {
    case .quit: return .quit(0)
    case .help: mode = .help
    case .filter, .search:
      mode = action == .filter ? .filter : .search
      prompt = PromptState(prefix: action == .filter ? "/" : "search: ", history: prompt.history)
      if action == .filter { prompt.setText(table.filter) }
    case .down, .up, .pageDown, .pageUp, .top, .bottom: move(action)
    case .focus: focus = focus == .table ? .logs : .table
    case .follow: logs.toggleFollow(viewport: logViewport)
    case .wrap: logs.toggleWrap()
    case .nextMatch: logs.nextMatch(viewport: logViewport)
    case .previousMatch: logs.previousMatch(viewport: logViewport)
    case .sort:
      let next = ((table.sortColumn ?? -1) + 1) % DemoApp.columns.count
      table.sort(by: next, ascending: true)
    case .scale: flash = "would scale \(table.selectedRow?.id ?? "nothing") (demo)"
    }
    return .redraw
  }

  mutating func move(_ action: DemoAction) {
    let page = max(1, viewport - 1)
    let delta = [DemoAction.down: 1, .up: -1, .pageDown: page, .pageUp: -page][action]
    if focus == .logs {
      logs.scroll(by: delta ?? (action == .top ? -logs.endLine : logs.endLine), viewport: logViewport)
    } else if let delta {
      table.moveSelection(by: delta, viewport: viewport)
    } else {
      table.jump(toEnd: action == .bottom, viewport: viewport)
    }
  }

  mutating func tick() {
    tickCount += 1
    let levels = ["info", "info", "debug", "warn", "error"]
    let level = levels[random.next(levels.count)]
    let model = "model-" + String(format: "%05d", random.next(table.rows.count))
    let line =
      #"{"ts":"2025-06-01T12:\#(String(format: "%02d:%02d", tickCount / 60 % 60, tickCount % 60)).000Z","level":"\#(level)","#
      + #""msg":"request served","model":"\#(model)","latency_ms":\#(20 + random.next(400)),"correlation_id":"req-\#(tickCount)"}"#
    logs.append(LogEntry(LogRecord(line: line, source: Self.logSource, timestamped: false), source: nil))
  }

  mutating func sample() {
    tokens.append(Double(800 + random.next(600)))
    latency.append(Double(20 + random.next(200)))
    if tokens.count > 400 { tokens.removeFirst(tokens.count - 400) }
    if latency.count > 400 { latency.removeFirst(latency.count - 400) }
    gpu = min(1, max(0, gpu + Double(random.next(21) - 10) / 100))
  }
}

extension DemoApp {
  struct Areas {
    var table, metrics, logs, status: Rect
  }

  func areas(_ area: Rect) -> Areas {
    let rows = Layout.split(area, .vertical, [.weight(1), .fixed(1)])
    let columns = Layout.split(rows[0], .horizontal, [.weight(3, minimum: 40), .weight(2, minimum: 30)])
    let right = Layout.split(columns[1], .vertical, [.fixed(10), .weight(1, minimum: 5)])
    return Areas(table: columns[0], metrics: right[0], logs: right[1], status: rows[1])
  }

  var viewport: Int { Table.viewportHeight(for: areas(Rect(size: size)).table.inset(1)) }
  var logViewport: Int { areas(Rect(size: size)).logs.inset(1).height }

  func render(into buffer: inout ScreenBuffer, area: Rect) {
    let a = areas(area)
    let count = table.filter.isEmpty ? "[\(table.count)]" : "[\(table.count)/\(table.rows.count)] /\(table.filter)"
    let inner = Block(title: "Models", trailingTitle: count, focused: focus == .table).render(
      into: &buffer, area: a.table, theme: theme)
    Table(columns: DemoApp.columns, focused: focus == .table).render(
      into: &buffer, area: inner, state: table, theme: theme)
    renderMetrics(into: &buffer, area: a.metrics)
    let follow = logs.follow ? "following" : "paused"
    let logInner = Block(title: "Logs", trailingTitle: follow, focused: focus == .logs).render(
      into: &buffer, area: a.logs, theme: theme)
    LogView().render(into: &buffer, area: logInner, state: logs, theme: theme)
    renderBottom(into: &buffer, area: a.status)
    if mode == .help { HelpOverlay(keyMap: keyMap).render(into: &buffer, area: area, theme: theme) }
  }

  func renderMetrics(into buffer: inout ScreenBuffer, area: Rect) {
    let inner = Block(title: "Metrics").render(into: &buffer, area: area, theme: theme)
    guard inner.height >= 8 else { return }
    for (text, dy) in [("tokens/s", 0), ("latency", 3), ("memory", 7)] {
      buffer.put(text, x: inner.x, y: inner.y + dy, style: theme[.muted])
    }
    Sparkline(values: tokens, showLabels: true).render(
      into: &buffer, area: Rect(x: inner.x + 10, y: inner.y, width: inner.width - 10, height: 3), theme: theme)
    Sparkline(values: latency, mode: .braille, showLabels: true).render(
      into: &buffer, area: Rect(x: inner.x + 10, y: inner.y + 3, width: inner.width - 10, height: 2), theme: theme)
    Gauge(ratio: gpu, label: "GPU     ").render(into: &buffer, area: inner.row(5), theme: theme)
    Gauge(ratio: 0.93, label: "KV cache").render(into: &buffer, area: inner.row(6), theme: theme)
    StackedBar(
      segments: [.init(value: 30, role: .statusOK), .init(value: 25, role: .statusUnknown)], capacity: 100
    ).render(into: &buffer, area: Rect(x: inner.x + 9, y: inner.y + 7, width: inner.width - 9, height: 1), theme: theme)
  }

  func renderBottom(into buffer: inout ScreenBuffer, area: Rect) {
    if mode == .filter || mode == .search {
      Prompt().render(into: &buffer, area: area, state: prompt, theme: theme)
      return
    }
    let position = table.selectedPosition.map { "row \($0 + 1)/\(table.count)" } ?? "row 0/0"
    let left = flash.isEmpty ? position : "\(position) · \(flash)"
    StatusBar(left: left, right: keyMap.readOnly ? "read-only" : "views-demo", keyMap: keyMap)
      .render(into: &buffer, area: area, theme: theme)
  }
}

/// A tiny deterministic generator (so the demo and its tests see the same screens).
struct DemoRandom {
  var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next(_ bound: Int) -> Int {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return Int((state >> 33) % UInt64(max(1, bound)))
  }
}
