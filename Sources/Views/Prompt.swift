/// Draws a `PromptState` on one row: prefix, text (highlighted while it is all selected), a block
/// cursor, and the completion suggestion dimmed after the text — or, after an ambiguous Tab, the
/// names it could complete to. Scrolls so the cursor stays visible.
public struct Prompt: Sendable {
  /// Creates a prompt widget.
  public init() {}

  /// Draws the prompt in the first row of `area`.
  public func render(into buffer: inout ScreenBuffer, area: Rect, state: PromptState, theme: Theme) {
    guard !area.isEmpty else { return }
    let style = theme[.input]
    buffer.fill(area.row(0), style: style)
    let prefixWidth = buffer.put(state.prefix, x: area.x, y: area.y, style: style.patched(with: theme[.helpKey]))
    let room = area.width - prefixWidth - 1
    guard room > 0 else { return }
    let characters = Array(state.text)
    let before = DisplayWidth.of(String(characters[..<state.cursor]))
    let skip = max(0, before - room + 1)
    let x = area.x + prefixWidth
    let textStyle = state.isSelected ? style.patched(with: theme[.tableSelection]).adding(.reverse) : style
    let used = buffer.put(state.text, x: x, y: area.y, maxWidth: room, style: textStyle, skip: skip)
    let muted = style.patched(with: theme[.muted])
    if !state.alternatives.isEmpty {
      let list = " " + state.alternatives.joined(separator: " ")
      buffer.put(list, x: x + used + 1, y: area.y, maxWidth: room - used - 1, style: muted)
    } else if let suggestion = state.suggestion {
      let rest = String(suggestion.dropFirst(characters.count))
      buffer.put(rest, x: x + used, y: area.y, maxWidth: room - used, style: muted)
    }
    let cursorX = x + before - skip
    let ghost = state.suggestion.flatMap { $0.dropFirst(characters.count).first }.map(String.init) ?? " "
    let under = state.cursor < characters.count ? String(characters[state.cursor]) : ghost
    buffer.put(
      under, x: cursorX, y: area.y, maxWidth: 2, style: style.patched(with: theme[.inputCursor]).adding(.reverse))
  }
}
