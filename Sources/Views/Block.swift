/// A pane frame: a border with a title, drawn heavier and highlighted when the pane has focus.
public struct Block: Sendable {
  /// Shown in the top border, left.
  public var title: String
  /// Shown in the top border, right (counts, filters).
  public var trailingTitle: String
  /// Whether the pane has the keyboard focus.
  public var focused: Bool

  /// Creates a block.
  public init(title: String = "", trailingTitle: String = "", focused: Bool = false) {
    self.title = title
    self.trailingTitle = trailingTitle
    self.focused = focused
  }

  /// Draws the frame and returns the inner area.
  @discardableResult
  public func render(into buffer: inout ScreenBuffer, area: Rect, theme: Theme) -> Rect {
    guard area.width >= 2, area.height >= 2 else { return Rect(x: area.x, y: area.y, width: 0, height: 0) }
    let style = theme[focused ? .borderFocus : .border]
    let g = focused ? BoxGlyphs.heavy : BoxGlyphs.light
    let horizontal = String(repeating: g.horizontal, count: area.width - 2)
    buffer.put(g.topLeft + horizontal + g.topRight, x: area.x, y: area.y, style: style)
    buffer.put(g.bottomLeft + horizontal + g.bottomRight, x: area.x, y: area.bottom - 1, style: style)
    for row in (area.y + 1)..<(area.bottom - 1) {
      buffer.put(g.vertical, x: area.x, y: row, style: style)
      buffer.put(g.vertical, x: area.right - 1, y: row, style: style)
    }
    drawTitles(into: &buffer, area: area, theme: theme)
    return area.inset(1)
  }

  private func drawTitles(into buffer: inout ScreenBuffer, area: Rect, theme: Theme) {
    let titleStyle = theme[focused ? .titleFocus : .title]
    let room = area.width - 4
    guard room > 0 else { return }
    var used = 0
    if !title.isEmpty {
      used = buffer.put(" \(TextLayout.truncate(title, to: room - 2)) ", x: area.x + 2, y: area.y, style: titleStyle)
    }
    let trailingRoom = room - used - 1
    guard !trailingTitle.isEmpty, trailingRoom > 2 else { return }
    let shown = " \(TextLayout.truncate(trailingTitle, to: trailingRoom - 2)) "
    buffer.put(shown, x: area.right - 2 - DisplayWidth.of(shown), y: area.y, style: theme[.title])
  }
}

/// Box-drawing characters for one line weight.
struct BoxGlyphs {
  let topLeft, topRight, bottomLeft, bottomRight, horizontal, vertical: String

  static let light = BoxGlyphs(
    topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘", horizontal: "─", vertical: "│")
  static let heavy = BoxGlyphs(
    topLeft: "┏", topRight: "┓", bottomLeft: "┗", bottomRight: "┛", horizontal: "━", vertical: "┃")
}
