extension ScreenBuffer {
  /// Writes `text` at (`x`, `y`) in `style`, using at most `maxWidth` columns (and never past the
  /// buffer's edge), after skipping the first `skip` columns of the text (for horizontal scroll).
  /// A wide character that would be split by the limit or by `skip` is drawn as blanks instead.
  /// Returns the number of columns written.
  @discardableResult
  public mutating func put(
    _ text: String, x: Int, y: Int, maxWidth: Int = .max, style: Style = .plain, skip: Int = 0
  ) -> Int {
    guard y >= 0, y < height, x < width else { return 0 }
    let limit = min(maxWidth, width - x)
    guard limit > 0 else { return 0 }
    var used = 0
    var column = 0
    DisplayWidth.forEachGlyph(in: text) { symbol, glyphWidth in
      defer { column += glyphWidth }
      if column + glyphWidth <= skip { return true }
      if column < skip || used + glyphWidth > limit {
        let blanks = min(column + glyphWidth - max(skip, column), limit - used)
        for i in 0..<blanks { set(.blank(style), x: x + used + i, y: y) }
        used += blanks
        return used < limit
      }
      set(Cell(symbol: symbol, width: UInt8(glyphWidth), style: style), x: x + used, y: y)
      used += glyphWidth
      return used < limit
    }
    return used
  }

  /// Writes styled spans one after another; returns the columns written.
  @discardableResult
  public mutating func put(_ spans: [Span], x: Int, y: Int, maxWidth: Int = .max, skip: Int = 0) -> Int {
    var used = 0
    var toSkip = skip
    for span in spans {
      guard used < maxWidth else { break }
      let spanWidth = span.width
      if toSkip >= spanWidth {
        toSkip -= spanWidth
        continue
      }
      used += put(span.text, x: x + used, y: y, maxWidth: maxWidth - used, style: span.style, skip: toSkip)
      toSkip = 0
    }
    return used
  }

  /// Writes `text` truncated with an ellipsis to `width` columns and aligned inside them; the
  /// rest of the columns are filled with blanks in `style`.
  public mutating func putAligned(
    _ text: String, x: Int, y: Int, width columns: Int, alignment: Alignment, style: Style
  ) {
    guard columns > 0 else { return }
    let shown = TextLayout.truncate(text, to: columns)
    let textWidth = DisplayWidth.of(shown)
    let pad = columns - textWidth
    let left: Int
    switch alignment {
    case .left: left = 0
    case .right: left = pad
    case .center: left = pad / 2
    }
    fill(Rect(x: x, y: y, width: columns, height: 1), style: style)
    put(shown, x: x + left, y: y, maxWidth: columns - left, style: style)
  }
}
