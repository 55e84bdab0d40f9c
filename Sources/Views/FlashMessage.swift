/// A short message that fades: full strength first, dimmed near the end of its life, then gone.
/// Time is passed in (`age`), so rendering stays a pure function.
public struct FlashMessage: Hashable, Sendable {
  /// How serious the message is.
  public enum Level: Hashable, Sendable {
    case info, warning, error
  }

  /// The text.
  public var text: String
  /// Its level.
  public var level: Level
  /// How long it is shown.
  public var lifetime: Duration

  /// Creates a message.
  public init(_ text: String, level: Level = .info, lifetime: Duration = .seconds(4)) {
    self.text = text
    self.level = level
    self.lifetime = lifetime
  }

  /// Whether it is still shown at `age`.
  public func isVisible(age: Duration) -> Bool { age < lifetime }

  /// Draws the message on the first row of `area`, as it looks at `age` since it was posted.
  public func render(into buffer: inout ScreenBuffer, area: Rect, age: Duration, theme: Theme) {
    guard !area.isEmpty, isVisible(age: age) else { return }
    let role: ThemeRole = level == .error ? .flashError : level == .warning ? .flashWarn : .flashInfo
    var style = theme[role]
    if age * 4 >= lifetime * 3 {
      style = Style(foreground: style.background == .default ? style.foreground : style.background, attributes: .dim)
    }
    buffer.put(" \(text) ", x: area.x, y: area.y, maxWidth: area.width, style: style)
  }
}
