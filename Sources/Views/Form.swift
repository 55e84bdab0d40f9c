/// Draws a `FormState`: one line per field (`label  value`), its validation message under it,
/// sliders as bars and choices as `◀ option ▶`.
public struct Form: Sendable {
  /// Creates a form widget.
  public init() {}

  /// Draws the fields from the top of `area`.
  public func render(into buffer: inout ScreenBuffer, area: Rect, state: FormState, theme: Theme) {
    guard !area.isEmpty else { return }
    let labelWidth = min(area.width / 3, (state.fields.map { DisplayWidth.of($0.label) }.max() ?? 0) + 2)
    var y = area.y
    for (i, field) in state.fields.enumerated() where y < area.bottom {
      let focused = i == state.focus
      buffer.put(field.label, x: area.x, y: y, maxWidth: labelWidth, style: theme[focused ? .titleFocus : .formLabel])
      let valueArea = Rect(x: area.x + labelWidth, y: y, width: area.width - labelWidth, height: 1)
      drawValue(field, focused: focused, into: &buffer, area: valueArea, theme: theme)
      y += 1
      if let error = state.shownError(i), y < area.bottom {
        buffer.put(
          "✗ " + error, x: area.x + labelWidth, y: y, maxWidth: area.width - labelWidth, style: theme[.formError])
        y += 1
      }
    }
  }

  private func drawValue(_ field: FormField, focused: Bool, into buffer: inout ScreenBuffer, area: Rect, theme: Theme) {
    switch field.kind {
    case .text, .number:
      buffer.fill(area, style: theme[.input])
      let used = buffer.put(field.value, x: area.x, y: area.y, maxWidth: area.width - 1, style: theme[.input])
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
