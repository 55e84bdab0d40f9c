/// Display widths of text in terminal cells: CJK and emoji take two cells, combining marks none,
/// and control characters are replaced by U+FFFD so they can never move the cursor.
public enum DisplayWidth {
  /// What a control character is shown as.
  public static let replacement = "\u{FFFD}"

  /// Single-character strings for every ASCII byte, so the fast path never allocates.
  static let asciiSymbols: [String] = (0..<128).map { String(UnicodeScalar(UInt8($0))) }

  /// Whether `scalar` is a C0/C1 control character or DEL.
  @inlinable public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x20 || (scalar.value >= 0x7f && scalar.value < 0xa0)
  }

  /// Width of one scalar: 0 for combining and format characters, 2 for wide ones, else 1.
  public static func of(_ scalar: Unicode.Scalar) -> Int {
    let v = scalar.value
    if v < 0x300 { return 1 }
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format: return 0
    default: break
    }
    if v >= 0x1160 && v <= 0x11ff { return 0 }
    return WideRanges.contains(v) ? 2 : 1
  }

  /// Width of one grapheme cluster as a terminal draws it.
  public static func of(_ character: Character) -> Int {
    let scalars = character.unicodeScalars
    guard let first = scalars.first else { return 0 }
    if isControl(first) { return 1 }
    let base = of(first)
    if base == 0 { return 1 }  // a lone mark is drawn on a space
    if base == 1 && scalars.count > 1 && first.properties.isEmoji {
      for s in scalars where s.value == 0xfe0f || s.value == 0x200d { return 2 }
      if (0x1f1e6...0x1f1ff).contains(first.value) { return 2 }
    }
    return base
  }

  /// Total width of a string.
  public static func of(_ string: String) -> Int {
    var total = 0
    forEachGlyph(in: string) { _, width in
      total += width
      return true
    }
    return total
  }

  /// Calls `body` with the symbol and width of each grapheme as it will be stored in a cell, in
  /// order, until `body` returns false. Controls become U+FFFD; a lone combining mark gets a space.
  public static func forEachGlyph(in string: String, _ body: (String, Int) -> Bool) {
    if string.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7f }) {
      for byte in string.utf8 where !body(asciiSymbols[Int(byte)], 1) { return }
      return
    }
    for character in string {
      let (symbol, width) = glyph(for: character)
      if !body(symbol, width) { return }
    }
  }

  /// The stored symbol and width for one grapheme.
  static func glyph(for character: Character) -> (String, Int) {
    let scalars = character.unicodeScalars
    guard let first = scalars.first else { return (" ", 1) }
    if isControl(first) { return (replacement, 1) }
    if of(first) == 0 { return (" " + String(character), 1) }
    return (String(character), of(character))
  }
}
