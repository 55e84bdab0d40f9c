/// The help overlay: every binding of a key map, grouped in sections laid out in columns. It is
/// generated from the same table as the hint bar, so the two never disagree.
public struct HelpOverlay<Action: Hashable & Sendable>: Sendable {
  /// The bindings to list.
  public var keyMap: KeyMap<Action>
  /// The panel title.
  public var title: String

  /// Creates a help overlay.
  public init(keyMap: KeyMap<Action>, title: String = "Help — key bindings (esc to close)") {
    self.keyMap = keyMap
    self.title = title
  }

  /// The lines of the overlay before layout: a section title then `keys  description` rows.
  func sections() -> [[(keys: String, text: String, disabled: Bool)]] {
    keyMap.groups.map { group in
      let rows = keyMap.bindings.filter { $0.group == group }.map { binding in
        let disabled = keyMap.readOnly && binding.isMutating
        return (binding.keyText, binding.description + (disabled ? " (read-only)" : ""), disabled)
      }
      return [(group, "", false)] + rows
    }
  }

  /// Draws the overlay centred in `area`.
  public func render(into buffer: inout ScreenBuffer, area: Rect, theme: Theme) {
    let sections = sections()
    let keyWidth = sections.flatMap { $0.dropFirst() }.map { DisplayWidth.of($0.keys) }.max() ?? 0
    let textWidth = sections.flatMap { $0.dropFirst() }.map { DisplayWidth.of($0.text) }.max() ?? 0
    let columnWidth = keyWidth + textWidth + 4
    let lineCount = sections.map { $0.count + 1 }.reduce(0, +)
    let wanted = lineCount + 1 > area.height - 2 && columnWidth * 2 + 3 <= area.width - 4 ? 2 : 1
    let height = min(area.height - 2, (lineCount + wanted - 1) / wanted + 1)
    let rect = Overlay.centered(in: area, width: min(area.width - 4, columnWidth * wanted + 3), height: height)
    let inner = Overlay.panel(into: &buffer, rect: rect, title: title, theme: theme)
    guard !inner.isEmpty else { return }
    let columns = max(1, inner.width / max(1, columnWidth))
    var column = 0
    var y = inner.y
    for section in sections {
      if y + section.count > inner.bottom && column + 1 < columns {
        column += 1
        y = inner.y
      }
      let x = inner.x + 1 + column * columnWidth
      let maxWidth = min(columnWidth, inner.right - x)
      y =
        draw(
          section, into: &buffer, x: x, y: y, maxWidth: maxWidth, keyWidth: keyWidth, bottom: inner.bottom, theme: theme
        ) + 1
    }
  }

  private func draw(
    _ section: [(keys: String, text: String, disabled: Bool)], into buffer: inout ScreenBuffer, x: Int, y: Int,
    maxWidth: Int, keyWidth: Int, bottom: Int, theme: Theme
  ) -> Int {
    var y = y
    let base = theme[.dialog]
    for (i, row) in section.enumerated() where y < bottom {
      if i == 0 {
        buffer.put(row.keys, x: x, y: y, maxWidth: maxWidth, style: base.patched(with: theme[.helpSection]))
      } else {
        let keyStyle = row.disabled ? base.patched(with: theme[.muted]) : base.patched(with: theme[.helpKey])
        buffer.put(row.keys, x: x, y: y, maxWidth: keyWidth, style: keyStyle)
        let textStyle = row.disabled ? base.patched(with: theme[.muted]) : base
        buffer.put(row.text, x: x + keyWidth + 2, y: y, maxWidth: maxWidth - keyWidth - 2, style: textStyle)
      }
      y += 1
    }
    return y
  }
}
