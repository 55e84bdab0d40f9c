extension TextLayout {
  /// `text` broken into lines of at most `width` columns, at spaces where it can be and inside a
  /// word only when the word alone is wider than a line. Nothing is dropped.
  public static func wrap(_ text: String, width: Int) -> [String] {
    guard width > 0 else { return [] }
    var lines: [String] = []
    var line = ""
    var used = 0
    for word in text.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
      let wordWidth = DisplayWidth.of(word)
      if used > 0 && used + 1 + wordWidth <= width {
        line += " " + word
        used += 1 + wordWidth
        continue
      }
      if used > 0 { lines.append(line) }
      (line, used) = ("", 0)
      for piece in hardBreak(word, width: width) {
        if used > 0 { lines.append(line) }
        (line, used) = (piece, DisplayWidth.of(piece))
      }
    }
    if used > 0 || lines.isEmpty { lines.append(line) }
    return lines
  }

  /// A word cut into pieces of at most `width` columns.
  private static func hardBreak(_ word: String, width: Int) -> [String] {
    var pieces: [String] = []
    var piece = ""
    var used = 0
    DisplayWidth.forEachGlyph(in: word) { symbol, w in
      if used + w > width && used > 0 {
        pieces.append(piece)
        (piece, used) = ("", 0)
      }
      piece += symbol
      used += w
      return true
    }
    if !piece.isEmpty { pieces.append(piece) }
    return pieces
  }
}
