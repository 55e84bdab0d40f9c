/// Truncation, padding and search helpers over display columns.
public enum TextLayout {
  /// The ellipsis put at the end of truncated text.
  public static let ellipsis = "…"

  /// `text` cut to at most `width` columns, ending in an ellipsis when it was cut.
  public static func truncate(_ text: String, to width: Int) -> String {
    guard width > 0 else { return "" }
    let total = DisplayWidth.of(text)
    if total <= width { return text }
    var out = ""
    var used = 0
    DisplayWidth.forEachGlyph(in: text) { symbol, w in
      if used + w > width - 1 { return false }
      out += symbol
      used += w
      return true
    }
    return out + ellipsis
  }

  /// Column ranges where `query` occurs in `text`, ignoring case; empty for an empty query.
  public static func matchColumns(of query: String, in text: String) -> [Range<Int>] {
    guard !query.isEmpty else { return [] }
    let needle = Array(query.lowercased())
    let hay = Array(text.lowercased())
    guard needle.count <= hay.count else { return [] }
    var widths: [Int] = []
    widths.reserveCapacity(hay.count)
    for c in text { widths.append(DisplayWidth.of(c)) }
    if widths.count != hay.count { widths = hay.map { DisplayWidth.of($0) } }
    var result: [Range<Int>] = []
    var column = 0
    var i = 0
    while i + needle.count <= hay.count {
      if hay[i] == needle[0] && Array(hay[i..<(i + needle.count)]) == needle {
        let w = widths[i..<(i + needle.count)].reduce(0, +)
        result.append(column..<(column + w))
        column += w
        i += needle.count
      } else {
        column += widths[i]
        i += 1
      }
    }
    return result
  }
}
