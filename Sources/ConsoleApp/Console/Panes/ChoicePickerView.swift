import Views

/// A `ChoicePicker` drawn over the screen: its rows, the selected one highlighted and kept in
/// view, and its keys on the last line.
struct ChoicePickerView<Value: Sendable & Hashable> {
  let picker: ChoicePicker<Value>

  func render(into buffer: inout ScreenBuffer, area: Rect, theme: Theme) {
    let widest = picker.choices.map { DisplayWidth.of($0.text) }.max() ?? 0
    let width = min(area.width - 4, max(widest + 4, DisplayWidth.of(picker.hint) + 4, 40))
    let rect = Overlay.centered(in: area, width: width, height: min(area.height - 2, picker.choices.count + 4))
    let inner = Overlay.panel(into: &buffer, rect: rect, title: picker.title, theme: theme)
    let rows = inner.height - 2
    guard rows > 0 else { return }
    let first = min(max(0, picker.selected - rows + 1), max(0, picker.choices.count - rows))
    for (offset, choice) in picker.choices.dropFirst(first).prefix(rows).enumerated() {
      let index = first + offset
      let style = index == picker.selected ? theme[.tableSelection] : theme[choice.role ?? .text]
      let y = inner.y + offset
      buffer.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: style)
      buffer.put(" " + choice.text, x: inner.x, y: y, maxWidth: inner.width, style: style)
    }
    buffer.put(picker.hint, x: inner.x + 1, y: inner.bottom - 1, maxWidth: inner.width - 2, style: theme[.muted])
  }
}
