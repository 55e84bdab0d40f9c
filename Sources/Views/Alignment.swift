/// Horizontal alignment of text in a column.
public enum Alignment: String, Hashable, Sendable {
  /// Flush left.
  case left
  /// Flush right (numbers).
  case right
  /// Centred.
  case center
}
