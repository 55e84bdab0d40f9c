import Views

/// The benchmark's screen: a 100,000-row table scrolled to its middle, a log view, sparklines,
/// gauges and a status bar, laid out on a 240x70 terminal.
struct BenchScene {
  static let columns = [
    TableColumn("NAMESPACE", width: .fixed(12)), TableColumn("NAME", width: .flex(weight: 3, minimum: 20)),
    TableColumn("MODEL", width: .fit(minimum: 8, maximum: 24)), TableColumn("STATUS", width: .fixed(9)),
    TableColumn("READY", width: .fixed(7), alignment: .right),
    TableColumn("TOKENS/S", width: .fixed(9), alignment: .right),
    TableColumn("GPU", width: .fixed(5), alignment: .right), TableColumn("AGE", width: .fixed(5), alignment: .right),
  ]
  static let keyMap = KeyMap<Int>([
    KeyBinding([.char("?")], 0, label: "help"), KeyBinding([.char("/")], 1, label: "filter"),
    KeyBinding([.char("s")], 2, label: "scale", isMutating: true), KeyBinding([.char("l")], 3, label: "logs"),
    KeyBinding([.char("q")], 4, label: "quit"),
  ])

  var table: TableState<String>
  var logs = LogViewState(capacity: 5_000)
  var series: [[Double]] = []
  let theme = Theme.default

  init(rows: Int) {
    table = TableState(rows: (0..<rows).map { BenchScene.row($0, generation: 0) })
    table.moveSelection(by: rows / 2, viewport: 60)
    for i in 0..<2_000 {
      let level = [("INFO", ThemeRole.logInfo), ("WARN", .logWarn), ("ERROR", .logError), ("DEBUG", .logDebug)][i % 4]
      logs.append(
        LogEntry(
          time: "12:00:\(i % 60 < 10 ? "0" : "")\(i % 60).000", level: level.0, levelRole: level.1, source: nil,
          message: "request \(i) served",
          fields: [
            ("route", "chat"), ("model", "llama-\(i % 7)"), ("latency_ms", "\(i % 300)"),
            ("correlation_id", "req-\(i)"),
          ]))
    }
    series = (0..<4).map { s in (0..<400).map { Double(($0 * (s + 3) * 7919) % 1000) } }
  }

  static func row(_ i: Int, generation: Int) -> TableRow<String> {
    let status = ["Ready", "Ready", "Pending", "Degraded"][(i + generation) % 4]
    return TableRow(
      id: "ns-\(i % 40)/svc-\(i)",
      cells: [
        "ns-\(i % 40)", "inference-service-\(i)", "llama-3-\(i % 9)b", status, "\((i + generation) % 4)/3",
        "\((i * 31 + generation * 17) % 5000)", "\((i * 7 + generation) % 100)%", "\(i % 90 + 1)d",
      ],
      role: status == "Ready" ? .statusOK : status == "Pending" ? .statusWarn : .statusError)
  }

  func render(into buffer: inout ScreenBuffer) {
    let area = buffer.area
    let rows = Layout.split(area, .vertical, [.weight(1), .fixed(1)])
    let columns = Layout.split(rows[0], .horizontal, [.weight(3), .weight(2)])
    let right = Layout.split(columns[1], .vertical, [.fixed(16), .weight(1)])
    let inner = Block(title: "Inference services", trailingTitle: "[\(table.count)]", focused: true)
      .render(into: &buffer, area: columns[0], theme: theme)
    Table(columns: BenchScene.columns).render(into: &buffer, area: inner, state: table, theme: theme)
    let metrics = Block(title: "Metrics").render(into: &buffer, area: right[0], theme: theme)
    for (i, values) in series.enumerated() {
      let mode: Sparkline.Mode = i % 2 == 0 ? .blocks : .braille
      Sparkline(values: values, mode: mode, showLabels: true)
        .render(
          into: &buffer, area: Rect(x: metrics.x, y: metrics.y + i * 3, width: metrics.width, height: 3), theme: theme)
    }
    Gauge(ratio: 0.72, label: "GPU").render(into: &buffer, area: metrics.row(12), theme: theme)
    Gauge(ratio: 0.95, label: "KV ").render(into: &buffer, area: metrics.row(13), theme: theme)
    let logArea = Block(title: "Logs").render(into: &buffer, area: right[1], theme: theme)
    LogView().render(into: &buffer, area: logArea, state: logs, theme: theme)
    StatusBar(
      left: "row \((table.selectedPosition ?? 0) + 1)/\(table.count)", right: "ctx: bench", keyMap: BenchScene.keyMap
    )
    .render(into: &buffer, area: rows[1], theme: theme)
  }
}
