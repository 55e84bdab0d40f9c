/// What is shown instead of the layout when the terminal is below the minimum size.
public enum TooSmallScreen {
  /// Draws the message centred in `area`.
  public static func render(into buffer: inout ScreenBuffer, area: Rect, minimum: Size, theme: Theme) {
    buffer.fill(area)
    let lines = [
      "terminal too small (needs \(minimum.width)x\(minimum.height))",
      "current size: \(area.width)x\(area.height)",
    ]
    let top = area.y + max(0, (area.height - lines.count) / 2)
    for (i, line) in lines.enumerated() {
      let x = area.x + max(0, (area.width - DisplayWidth.of(line)) / 2)
      let role: ThemeRole = i == 0 ? .statusError : .muted
      buffer.put(line, x: x, y: top + i, maxWidth: area.right - x, style: theme[role])
    }
  }
}
