import Views

/// The columns of a metrics table fitted to a width: a name column, numbers, sparklines that
/// take spare room, and one free text column. When room is short, columns go in `dropRank`
/// order (highest first), so the numbers an operator reads first stay longest.
struct MetricsColumns: Sendable {
  /// One column.
  struct Column: Sendable {
    /// What a column holds.
    enum Kind: Sendable {
      /// A right-aligned number.
      case number
      /// A sparkline, widened with spare room.
      case sparkline
      /// Left-aligned text taking what is left.
      case text
    }

    /// The header.
    var title: String
    /// What it holds.
    var kind: Kind
    /// Higher goes first when room is short; 0 never goes.
    var dropRank: Int
    /// The width once fitted.
    var width: Int = 0

    /// The least width it is drawn at.
    var minimumWidth: Int {
      switch kind {
      case .number: max(6, title.count)
      case .sparkline: 6
      case .text: 8
      }
    }
  }

  /// The width of the name column.
  private(set) var nameWidth: Int
  /// The columns shown, in order, with their widths.
  private(set) var columns: [Column]

  /// Fits `columns` after a name column (longest name `longestName`) into `width` cells; the
  /// name keeps at least `nameMinimum` cells (10 unless a table's names must stay whole). The
  /// text column gets room for `longestText` before sparklines widen, so a sparkline never cuts
  /// a route's models short.
  init(
    _ columns: [Column], longestName: Int, width: Int, sparklineMaximum: Int = 30, nameMinimum: Int = 10,
    longestText: Int = 0
  ) {
    let nameMinimum = min(nameMinimum, max(4, longestName))
    var shown = columns
    func needed() -> Int { nameMinimum + shown.reduce(0) { $0 + $1.minimumWidth + 1 } }
    while needed() > width,
      let drop = shown.indices.filter({ shown[$0].dropRank > 0 }).max(by: {
        shown[$0].dropRank < shown[$1].dropRank
      })
    {
      shown.remove(at: drop)
    }
    var extra = max(0, width - needed())
    let nameExtra = min(extra, max(0, min(longestName, 28) - nameMinimum))
    nameWidth = max(0, min(nameMinimum, width)) + nameExtra
    extra -= nameExtra
    let textMinimum = shown.first { $0.kind == .text }?.minimumWidth ?? 0
    let textExtra = shown.contains { $0.kind == .text } ? min(extra, max(0, longestText - textMinimum)) : 0
    extra -= textExtra
    let sparklines = shown.filter { $0.kind == .sparkline }.count
    let sparkExtra = sparklines == 0 ? 0 : min(sparklineMaximum - 6, extra / sparklines)
    extra -= sparkExtra * sparklines
    for index in shown.indices {
      shown[index].width = shown[index].minimumWidth
      switch shown[index].kind {
      case .sparkline: shown[index].width += sparkExtra
      case .text:
        shown[index].width += extra + textExtra
        extra = 0
      case .number: break
      }
    }
    self.columns = shown
  }

  /// Whether a column titled `title` is shown.
  func shows(_ title: String) -> Bool { columns.contains { $0.title == title } }

  /// Draws the header row.
  func renderHeader(_ name: String, into buffer: inout ScreenBuffer, area: Rect, theme: Theme) {
    let style = theme[.tableHeader]
    buffer.fill(area.row(0), style: style)
    var x = area.x + 2
    buffer.putAligned(name, x: x, y: area.y, width: nameWidth, alignment: .left, style: style)
    x += nameWidth + 1
    for column in columns {
      let title = column.kind == .sparkline ? "" : column.title
      let alignment: Alignment = column.kind == .number ? .right : .left
      buffer.putAligned(
        title, x: x, y: area.y, width: min(column.width, area.right - x), alignment: alignment, style: style)
      x += column.width + 1
    }
  }

  /// What a row shows in one column.
  enum Cell: Sendable {
    /// Text in a style.
    case text(String, Style)
    /// A sparkline of these values.
    case sparkline([Double])
  }

  /// Draws one row: a gutter mark when highlighted, the name, then `cells` by column title.
  func renderRow(
    name: String, cells: [String: Cell], highlighted: Bool, into buffer: inout ScreenBuffer, area: Rect, theme: Theme
  ) {
    let style = highlighted ? theme[.text].patched(with: theme[.titleFocus]).adding(.bold) : theme[.text]
    buffer.fill(area.row(0), style: style)
    buffer.put(highlighted ? "▸" : " ", x: area.x, y: area.y, maxWidth: area.width, style: style)
    var x = area.x + 2
    buffer.putAligned(name, x: x, y: area.y, width: min(nameWidth, area.right - x), alignment: .left, style: style)
    x += nameWidth + 1
    for column in columns {
      let width = min(column.width, area.right - x)
      guard width > 0 else { break }
      switch cells[column.title] {
      case .text(let text, let cellStyle):
        let alignment: Alignment = column.kind == .number ? .right : .left
        buffer.putAligned(
          text, x: x, y: area.y, width: width, alignment: alignment,
          style: highlighted ? style.patched(with: cellStyle) : cellStyle)
      case .sparkline(let values):
        Sparkline(values: values, minimum: 0).render(
          into: &buffer, area: Rect(x: x, y: area.y, width: width, height: 1), theme: theme)
      case nil: break
      }
      x += column.width + 1
    }
  }
}
