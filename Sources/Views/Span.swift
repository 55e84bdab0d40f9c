/// A run of text in one style.
public struct Span: Hashable, Sendable {
  /// The text.
  public var text: String
  /// Its style.
  public var style: Style

  /// Creates a span.
  public init(_ text: String, style: Style = .plain) {
    self.text = text
    self.style = style
  }

  /// Display width of the text.
  public var width: Int { DisplayWidth.of(text) }
}
