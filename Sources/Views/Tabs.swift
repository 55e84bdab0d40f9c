/// A row of tab titles, `1 Models │ 2 Logs`, with the active one highlighted.
public struct Tabs: Sendable {
  /// Titles in order.
  public var titles: [String]
  /// Index of the active tab.
  public var selected: Int

  /// Creates tabs.
  public init(titles: [String], selected: Int) {
    self.titles = titles
    self.selected = selected
  }

  /// Draws the tabs on the first row of `area`; titles that do not fit are dropped with `…`.
  public func render(into buffer: inout ScreenBuffer, area: Rect, theme: Theme) {
    guard !area.isEmpty else { return }
    buffer.fill(area.row(0), style: theme[.text])
    var x = area.x
    for (i, title) in titles.enumerated() {
      let label = " \(i + 1) \(title) "
      let width = DisplayWidth.of(label)
      guard x + width + (i < titles.count - 1 ? 1 : 0) <= area.right else {
        buffer.put("…", x: min(x, area.right - 1), y: area.y, style: theme[.muted])
        return
      }
      x += buffer.put(label, x: x, y: area.y, style: theme[i == selected ? .tabActive : .tabInactive])
      if i < titles.count - 1 { x += buffer.put("│", x: x, y: area.y, style: theme[.border]) }
    }
  }
}
