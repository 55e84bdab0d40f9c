/// Character attributes (bold, underline, ...), as a set.
public struct TextAttributes: OptionSet, Hashable, Sendable {
  /// The raw bits.
  public let rawValue: UInt8
  /// Creates attributes from raw bits.
  public init(rawValue: UInt8) { self.rawValue = rawValue }

  /// Bold (SGR 1).
  public static let bold = TextAttributes(rawValue: 1 << 0)
  /// Dim (SGR 2).
  public static let dim = TextAttributes(rawValue: 1 << 1)
  /// Italic (SGR 3).
  public static let italic = TextAttributes(rawValue: 1 << 2)
  /// Underline (SGR 4).
  public static let underline = TextAttributes(rawValue: 1 << 3)
  /// Reverse video (SGR 7).
  public static let reverse = TextAttributes(rawValue: 1 << 4)
  /// Strikethrough (SGR 9).
  public static let strikethrough = TextAttributes(rawValue: 1 << 5)

  /// Theme names of each attribute, with its SGR code.
  public static let named: [(name: String, value: TextAttributes, sgr: UInt8)] = [
    ("bold", .bold, 1), ("dim", .dim, 2), ("italic", .italic, 3),
    ("underline", .underline, 4), ("reverse", .reverse, 7), ("strikethrough", .strikethrough, 9),
  ]
}
