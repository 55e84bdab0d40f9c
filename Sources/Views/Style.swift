/// Foreground, background and attributes of a cell.
public struct Style: Hashable, Sendable {
  /// Foreground colour.
  public var foreground: Color
  /// Background colour.
  public var background: Color
  /// Attributes.
  public var attributes: TextAttributes

  /// Creates a style.
  public init(foreground: Color = .default, background: Color = .default, attributes: TextAttributes = []) {
    self.foreground = foreground
    self.background = background
    self.attributes = attributes
  }

  /// The terminal's default style.
  public static let plain = Style()

  /// This style with `other` laid over it: its non-default colours win and its attributes are added.
  public func patched(with other: Style) -> Style {
    Style(
      foreground: other.foreground == .default ? foreground : other.foreground,
      background: other.background == .default ? background : other.background,
      attributes: attributes.union(other.attributes)
    )
  }

  /// This style with extra attributes.
  public func adding(_ extra: TextAttributes) -> Style {
    Style(foreground: foreground, background: background, attributes: attributes.union(extra))
  }
}
