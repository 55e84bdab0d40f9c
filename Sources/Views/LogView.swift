/// Draws a `LogViewState`: levels coloured, search matches highlighted (the current one
/// reversed), wrapped or horizontally scrolled. Reads only the lines that fit.
public struct LogView: Sendable {
  /// Creates a log view widget.
  public init() {}

  /// Draws the visible lines.
  public func render(into buffer: inout ScreenBuffer, area: Rect, state: LogViewState, theme: Theme) {
    guard !area.isEmpty else { return }
    var y = area.y
    for (line, skipRows) in visibleLines(state: state, area: area) {
      guard let entry = state.entry(at: line) else { continue }
      let rows = state.wrap ? max(1, (entry.width + area.width - 1) / area.width) : 1
      for row in skipRows..<rows where y < area.bottom {
        let skip = state.wrap ? row * area.width : state.horizontalOffset
        draw(entry, into: &buffer, x: area.x, y: y, width: area.width, skip: skip, theme: theme)
        highlight(
          entry, line: line, state: state, into: &buffer, x: area.x, y: y, width: area.width, skip: skip, theme: theme)
        y += 1
      }
    }
  }

  /// The absolute lines to draw, top first, with rows of the first one to skip (wrap mode).
  func visibleLines(state: LogViewState, area: Rect) -> [(Int, Int)] {
    if !state.wrap || !state.follow {
      let first = state.follow ? max(state.dropped, state.endLine - area.height) : state.top
      return (first..<min(state.endLine, first + area.height)).map { ($0, 0) }
    }
    var lines: [(Int, Int)] = []
    var rows = 0
    var line = state.endLine - 1
    while line >= state.dropped && rows < area.height, let entry = state.entry(at: line) {
      let height = max(1, (entry.width + area.width - 1) / area.width)
      let skip = max(0, rows + height - area.height)
      lines.append((line, skip))
      rows += height - skip
      line -= 1
    }
    return lines.reversed()
  }

  private func draw(
    _ entry: LogEntry, into buffer: inout ScreenBuffer, x: Int, y: Int, width: Int, skip: Int, theme: Theme
  ) {
    var used = 0
    var toSkip = skip
    for segment in entry.segments where used < width {
      let segmentWidth = DisplayWidth.of(segment.text)
      if toSkip >= segmentWidth {
        toSkip -= segmentWidth
        continue
      }
      let style = theme[.text].patched(with: theme[segment.role])
      used += buffer.put(segment.text, x: x + used, y: y, maxWidth: width - used, style: style, skip: toSkip)
      toSkip = 0
    }
  }

  private func highlight(
    _ entry: LogEntry, line: Int, state: LogViewState, into buffer: inout ScreenBuffer, x: Int, y: Int, width: Int,
    skip: Int, theme: Theme
  ) {
    guard !state.search.isEmpty else { return }
    var style = theme[.logMatch]
    if line == state.currentMatch { style = style.adding([.reverse, .bold]) }
    for range in TextLayout.matchColumns(of: state.search, in: entry.text) {
      let start = max(range.lowerBound - skip, 0)
      let end = min(range.upperBound - skip, width)
      if end > start { buffer.patchStyle(style, in: Rect(x: x + start, y: y, width: end - start, height: 1)) }
    }
  }
}
