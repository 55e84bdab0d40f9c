import Views

/// One piece of the detail pane, drawn by a Views widget: a section heading, aligned fields, a
/// table, the owner tree, GPU gauges or a one-line note. Each knows its height, so the pane can lay them
/// out one under another and scroll through them.
enum DetailBlock: Sendable {
  /// A section heading with a rule.
  case heading(String)
  /// `key: value` lines.
  case fields([KeyValueList.Item])
  /// A table with a header row.
  case table([TableColumn], [TableRow<String>])
  /// A tree, every node expanded, with the node `selected` highlighted.
  case tree([TreeNode], selected: String)
  /// A line of text in `role`.
  case note(String, ThemeRole)
  /// GPUs, one a row, drawn as the metrics pane draws them (utilisation and memory gauges,
  /// memory, power, temperature, the pod holding it).
  case gpus([GPUMetricsRow])

  /// Rows it takes.
  var height: Int {
    switch self {
    case .heading, .note: 1
    case .fields(let items): items.count
    case .gpus(let gpus): gpus.count
    case .table(_, let rows): rows.count + 1
    case .tree(let roots, _): TreeState(expanded: DetailTree.ids(roots)).lines(roots).count
    }
  }

  /// Draws it into `area` (as tall as `height`).
  func render(into buffer: inout ScreenBuffer, area: Rect, theme: Theme) {
    switch self {
    case .heading(let title):
      let text = "─ \(title) " + String(repeating: "─", count: max(0, area.width))
      buffer.put(text, x: area.x, y: area.y, maxWidth: area.width, style: theme[.helpSection])
    case .fields(let items):
      KeyValueList(items: items).render(into: &buffer, area: area, theme: theme)
    case .table(let columns, let rows):
      Table(columns: columns, focused: false, alwaysShowSelection: false)
        .render(into: &buffer, area: area, state: TableState(rows: rows), theme: theme)
    case .tree(let roots, let selected):
      let state = TreeState(expanded: DetailTree.ids(roots), selectedID: selected)
      TreeView(roots: roots).render(into: &buffer, area: area, state: state, theme: theme)
    case .note(let text, let role):
      buffer.put(text, x: area.x, y: area.y, maxWidth: area.width, style: theme[.text].patched(with: theme[role]))
    case .gpus(let gpus):
      for (row, gpu) in gpus.enumerated() {
        let line = Rect(x: area.x, y: area.y + row, width: area.width, height: 1)
        MetricsPane.drawGPU(gpu, highlighted: false, into: &buffer, area: line, theme: theme)
      }
    }
  }
}
