/// One terminal cell: a grapheme cluster, its display width and its style.
///
/// A wide character occupies its cell (width 2) and the next one, which holds a continuation
/// cell (empty symbol, width 0) that backends never write.
public struct Cell: Hashable, Sendable {
  /// The grapheme cluster shown, `" "` for a blank, `""` for the right half of a wide character.
  public var symbol: String
  /// Display width: 1, 2, or 0 for a continuation.
  public var width: UInt8
  /// Colours and attributes.
  public var style: Style

  /// Creates a cell.
  public init(symbol: String, width: UInt8 = 1, style: Style = .plain) {
    self.symbol = symbol
    self.width = width
    self.style = style
  }

  /// A blank cell in the default style.
  public static let blank = Cell(symbol: " ")

  /// A blank cell in `style`.
  public static func blank(_ style: Style) -> Cell { Cell(symbol: " ", width: 1, style: style) }

  /// The right half of a wide character.
  public static func continuation(_ style: Style) -> Cell { Cell(symbol: "", width: 0, style: style) }

  /// Whether this is the right half of a wide character.
  public var isContinuation: Bool { width == 0 }
}
