/// A table: a header with a sort indicator, then the visible rows, with the selection
/// highlighted and filter matches marked. Only the rows in the viewport are read, so drawing
/// costs the same for ten rows or a hundred thousand.
public struct Table: Sendable {
  /// The columns.
  public var columns: [TableColumn]
  /// Whether the table has the focus (the selection is drawn only then, or always when `alwaysShowSelection`).
  public var focused: Bool
  /// Draw the selection even without focus.
  public var alwaysShowSelection: Bool
  /// Text shown when no row is shown.
  public var emptyMessage: String

  /// Cells between two columns.
  public static let columnSpacing = 1

  /// Creates a table widget.
  public init(
    columns: [TableColumn], focused: Bool = true, alwaysShowSelection: Bool = true, emptyMessage: String = "no rows"
  ) {
    self.columns = columns
    self.focused = focused
    self.alwaysShowSelection = alwaysShowSelection
    self.emptyMessage = emptyMessage
  }

  /// Rows of `area` available to data rows (the header takes one).
  public static func viewportHeight(for area: Rect) -> Int { max(0, area.height - 1) }

  /// Draws the table.
  public func render<ID>(into buffer: inout ScreenBuffer, area: Rect, state: TableState<ID>, theme: Theme) {
    guard !area.isEmpty else { return }
    let viewport = Table.viewportHeight(for: area)
    let first = state.visibleOffset(viewport: viewport)
    let last = min(state.count, first + viewport)
    let widths = columnWidths(available: area.width, state: state, visible: first..<last)
    renderHeader(into: &buffer, area: area, widths: widths, state: state, theme: theme)
    if state.count == 0 {
      let message = state.filter.isEmpty ? emptyMessage : "no rows match '\(state.filter)'"
      buffer.put(message, x: area.x + 1, y: area.y + 1, maxWidth: area.width - 1, style: theme[.muted])
      return
    }
    let needle = state.filter.hasPrefix("!") ? "" : state.filter
    for position in first..<last {
      let selected = position == state.selectedPosition && (focused || alwaysShowSelection)
      renderRow(
        state.row(at: position), into: &buffer, x: area.x, y: area.y + 1 + position - first,
        widths: widths, selected: selected, needle: needle, theme: theme)
    }
  }

  private func renderHeader<ID>(
    into buffer: inout ScreenBuffer, area: Rect, widths: [Int], state: TableState<ID>, theme: Theme
  ) {
    let style = theme[.tableHeader]
    buffer.fill(area.row(0), style: style)
    var x = area.x
    for (i, column) in columns.enumerated() where widths[i] > 0 {
      var title = column.title
      if state.sortColumn == i { title += state.sortAscending ? "▲" : "▼" }
      buffer.putAligned(title, x: x, y: area.y, width: widths[i], alignment: column.alignment, style: style)
      x += widths[i] + Table.columnSpacing
    }
  }

  private func renderRow<ID>(
    _ row: TableRow<ID>, into buffer: inout ScreenBuffer, x: Int, y: Int, widths: [Int], selected: Bool, needle: String,
    theme: Theme
  ) {
    var style = theme[.text]
    if let role = row.role { style = style.patched(with: theme[role]) }
    if selected { style = theme[.tableSelection] }
    let total = widths.reduce(0, +) + Table.columnSpacing * max(0, widths.count - 1)
    buffer.fill(Rect(x: x, y: y, width: total, height: 1), style: style)
    var columnX = x
    for (i, column) in columns.enumerated() where widths[i] > 0 {
      let text = i < row.cells.count ? row.cells[i] : ""
      drawCell(text, into: &buffer, x: columnX, y: y, width: widths[i], alignment: column.alignment, style: style)
      if !needle.isEmpty {
        highlight(
          needle, in: text, into: &buffer, x: columnX, y: y, width: widths[i], alignment: column.alignment, theme: theme
        )
      }
      columnX += widths[i] + Table.columnSpacing
    }
  }

  private func drawCell(
    _ text: String, into buffer: inout ScreenBuffer, x: Int, y: Int, width: Int, alignment: Alignment, style: Style
  ) {
    let shown = TextLayout.truncate(text, to: width)
    let pad = Table.leftPad(shownWidth: DisplayWidth.of(shown), width: width, alignment: alignment)
    buffer.put(shown, x: x + pad, y: y, maxWidth: width - pad, style: style)
  }

  private func highlight(
    _ needle: String, in text: String, into buffer: inout ScreenBuffer, x: Int, y: Int, width: Int,
    alignment: Alignment, theme: Theme
  ) {
    let shown = TextLayout.truncate(text, to: width)
    let pad = Table.leftPad(shownWidth: DisplayWidth.of(shown), width: width, alignment: alignment)
    for range in TextLayout.matchColumns(of: needle, in: shown) {
      buffer.patchStyle(
        theme[.tableMatch], in: Rect(x: x + pad + range.lowerBound, y: y, width: range.count, height: 1))
    }
  }

  static func leftPad(shownWidth: Int, width: Int, alignment: Alignment) -> Int {
    switch alignment {
    case .left: 0
    case .right: max(0, width - shownWidth)
    case .center: max(0, (width - shownWidth) / 2)
    }
  }
}
