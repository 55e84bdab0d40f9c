/// Draws a `FormState`: one line per field (`label  value`), its validation message whole under it,
/// sliders as bars and choices as `◀ option ▶`.
public struct Form: Sendable {
  /// Creates a form widget.
  public init() {}

  /// Draws the fields from the top of `area`.
  public func render(into buffer: inout ScreenBuffer, area: Rect, state: FormState, theme: Theme) {
    guard !area.isEmpty else { return }
    let labelWidth = Self.labelWidth(state, area.width)
    var y = area.y
    for (i, field) in state.fields.enumerated() where y < area.bottom {
      let focused = i == state.focus
      buffer.put(field.label, x: area.x, y: y, maxWidth: labelWidth, style: theme[focused ? .titleFocus : .formLabel])
      let valueArea = Rect(x: area.x + labelWidth, y: y, width: area.width - labelWidth, height: 1)
      drawValue(
        field, focused: focused, selected: focused && state.isSelected, into: &buffer, area: valueArea, theme: theme)
      y += 1
      for line in Self.errorLines(state, i, width: area.width - labelWidth) where y < area.bottom {
        buffer.put(line, x: area.x + labelWidth, y: y, maxWidth: area.width - labelWidth, style: theme[.formError])
        y += 1
      }
    }
  }

  /// The rows the form needs in an area `width` columns wide: a row per field, and its message
  /// wrapped under it.
  public static func height(of state: FormState, width: Int) -> Int {
    let labelWidth = labelWidth(state, width)
    return state.fields.indices.reduce(0) { $0 + 1 + errorLines(state, $1, width: width - labelWidth).count }
  }

  private static func labelWidth(_ state: FormState, _ width: Int) -> Int {
    min(width / 3, (state.fields.map { DisplayWidth.of($0.label) }.max() ?? 0) + 2)
  }

  /// Field `index`'s message, whole, as `✗ reason` wrapped to `width` with its later lines indented.
  private static func errorLines(_ state: FormState, _ index: Int, width: Int) -> [String] {
    guard let error = state.shownError(index), width > 2 else { return [] }
    return TextLayout.wrap(error, width: width - 2).enumerated().map { ($0.offset == 0 ? "✗ " : "  ") + $0.element }
  }

  private func drawValue(
    _ field: FormField, focused: Bool, selected: Bool, into buffer: inout ScreenBuffer, area: Rect, theme: Theme
  ) {
    switch field.kind {
    case .text, .number:
      buffer.fill(area, style: theme[.input])
      let style = selected ? theme[.input].patched(with: theme[.tableSelection]).adding(.reverse) : theme[.input]
      let used = buffer.put(field.value, x: area.x, y: area.y, maxWidth: area.width - 1, style: style)
      if focused {
        buffer.put(
          " ", x: area.x + used, y: area.y, style: theme[.input].patched(with: theme[.inputCursor]).adding(.reverse))
      }
    case .slider(let range, _):
      let value = Double(field.value) ?? range.lowerBound
      let ratio = (value - range.lowerBound) / max(.ulpOfOne, range.upperBound - range.lowerBound)
      let label = " " + field.value
      let barWidth = max(1, min(20, area.width - DisplayWidth.of(label)))
      let style = theme[focused ? .gaugeMid : .gaugeLow]
      Gauge.drawBar(
        ratio: ratio, into: &buffer, x: area.x, y: area.y, width: barWidth, style: style, track: theme[.gaugeTrack])
      buffer.put(label, x: area.x + barWidth, y: area.y, style: theme[.text])
    case .choice:
      let text = focused ? "◀ \(field.value) ▶" : "  \(field.value)  "
      buffer.put(text, x: area.x, y: area.y, maxWidth: area.width, style: theme[focused ? .buttonFocus : .text])
    }
  }
}
