/// Helpers for things drawn on top of the layout (dialogs, help, prompts).
public enum Overlay {
  /// A `width` x `height` rectangle centred in `area` (clamped to it).
  public static func centered(in area: Rect, width: Int, height: Int) -> Rect {
    area.centered(width: width, height: height)
  }

  /// Clears `rect` and draws a framed panel with `title`; returns the inner area.
  @discardableResult
  public static func panel(into buffer: inout ScreenBuffer, rect: Rect, title: String, theme: Theme) -> Rect {
    buffer.fill(rect, style: theme[.dialog])
    let inner = Block(title: title, focused: true).render(into: &buffer, area: rect, theme: theme)
    buffer.patchStyle(Style(background: theme[.dialog].background), in: rect)
    return inner
  }
}
