/// The bottom bar: a status text on the left, key hints generated from the key map, and a text on
/// the right (e.g. context, clock).
public struct StatusBar: Sendable {
  /// Text on the left.
  public var left: String
  /// Text on the right.
  public var right: String
  /// Hints, as `(keys, label, isMutating)`.
  public var hints: [(keys: String, label: String, isMutating: Bool)]

  /// Creates a status bar from explicit hints.
  public init(left: String = "", right: String = "", hints: [(keys: String, label: String, isMutating: Bool)] = []) {
    self.left = left
    self.right = right
    self.hints = hints
  }

  /// Creates a status bar whose hints are the key map's active bindings marked `showInHints`.
  public init<Action>(left: String = "", right: String = "", keyMap: KeyMap<Action>) {
    self.init(
      left: left, right: right,
      hints: keyMap.active.filter(\.showInHints).map { ($0.keys.first?.description ?? "", $0.label, $0.isMutating) })
  }

  /// Draws the bar on the first row of `area`.
  public func render(into buffer: inout ScreenBuffer, area: Rect, theme: Theme) {
    guard !area.isEmpty else { return }
    let row = area.row(0)
    buffer.fill(row, style: theme[.statusBar])
    let rightWidth = DisplayWidth.of(right)
    let rightX = max(area.x, area.right - rightWidth - 1)
    var x = area.x + 1
    if !left.isEmpty {
      x += buffer.put(left, x: x, y: area.y, maxWidth: rightX - x, style: theme[.statusBar]) + 2
    }
    for hint in hints {
      let needed = DisplayWidth.of(hint.keys) + DisplayWidth.of(hint.label) + 3
      guard x + needed <= rightX else { break }
      x += buffer.put("<\(hint.keys)>", x: x, y: area.y, style: theme[hint.isMutating ? .hintDangerous : .hintKey])
      x += buffer.put(hint.label, x: x, y: area.y, style: theme[.hintLabel]) + 1
    }
    if !right.isEmpty {
      buffer.put(right, x: rightX, y: area.y, maxWidth: area.right - rightX, style: theme[.statusBar])
    }
  }
}
