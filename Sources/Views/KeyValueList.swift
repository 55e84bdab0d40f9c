/// Aligned `key: value` lines (a describe view); long values are cut with an ellipsis.
public struct KeyValueList: Sendable {
  /// One line.
  public struct Item: Hashable, Sendable {
    /// The key.
    public var key: String
    /// The value.
    public var value: String
    /// An optional role for the value (e.g. a status colour).
    public var role: ThemeRole?

    /// Creates an item.
    public init(_ key: String, _ value: String, role: ThemeRole? = nil) {
      self.key = key
      self.value = value
      self.role = role
    }
  }

  /// The lines.
  public var items: [Item]
  /// Lines scrolled past.
  public var offset: Int

  /// Creates a list.
  public init(items: [Item], offset: Int = 0) {
    self.items = items
    self.offset = offset
  }

  /// Draws the visible lines.
  public func render(into buffer: inout ScreenBuffer, area: Rect, theme: Theme) {
    guard !area.isEmpty else { return }
    let keyWidth = min(area.width / 2, (items.map { DisplayWidth.of($0.key) }.max() ?? 0) + 1)
    for (row, item) in items.dropFirst(offset).prefix(area.height).enumerated() {
      let y = area.y + row
      buffer.put(TextLayout.truncate(item.key, to: keyWidth - 1) + ":", x: area.x, y: y, style: theme[.formLabel])
      let style = item.role.map { theme[.text].patched(with: theme[$0]) } ?? theme[.text]
      let valueWidth = area.width - keyWidth - 1
      buffer.put(
        TextLayout.truncate(item.value, to: valueWidth), x: area.x + keyWidth + 1, y: y, maxWidth: valueWidth,
        style: style)
    }
  }
}
