/// A yes/no question in a centred box. A dangerous question defaults to "No" and draws its
/// confirm button in the dangerous style.
public struct ConfirmDialog: Hashable, Sendable {
  /// What the user decided.
  public enum Outcome: Hashable, Sendable {
    /// Still open.
    case open
    /// Confirmed.
    case confirmed
    /// Cancelled.
    case cancelled
  }

  /// Box title.
  public var title: String
  /// The question.
  public var message: String
  /// Confirm button text.
  public var confirmLabel: String
  /// Cancel button text.
  public var cancelLabel: String
  /// Whether the action is destructive.
  public var isDangerous: Bool
  /// Whether the confirm button has the focus.
  public internal(set) var confirmFocused: Bool

  /// Creates a dialog; the focus starts on cancel when dangerous.
  public init(
    title: String, message: String, confirmLabel: String = "Yes", cancelLabel: String = "No", isDangerous: Bool = false
  ) {
    self.title = title
    self.message = message
    self.confirmLabel = confirmLabel
    self.cancelLabel = cancelLabel
    self.isDangerous = isDangerous
    confirmFocused = !isDangerous
  }

  /// Handles a key: `y`/`n`, arrows and Tab to move, Enter to choose, Esc to cancel.
  public mutating func handle(_ key: KeyEvent) -> Outcome {
    switch key.key {
    case .char("y"), .char("Y"): return .confirmed
    case .char("n"), .char("N"), .escape: return .cancelled
    case .left, .right, .tab, .backTab, .char("h"), .char("l"):
      confirmFocused.toggle()
      return .open
    case .enter: return confirmFocused ? .confirmed : .cancelled
    default: return .open
    }
  }

  /// The widest a box grows: a longer message wraps, as lines longer than this are hard to read.
  static let maximumWidth = 80

  /// Draws the dialog centred in `area`; a message wider than the box is wrapped, never cut.
  public func render(into buffer: inout ScreenBuffer, area: Rect, theme: Theme) {
    let width = min(
      area.width - 2, Self.maximumWidth, max(30, DisplayWidth.of(message) + 4, DisplayWidth.of(title) + 8))
    let lines = TextLayout.wrap(message, width: max(1, width - 4))
    let rect = Overlay.centered(in: area, width: width, height: min(area.height, lines.count + 5))
    let inner = Overlay.panel(into: &buffer, rect: rect, title: title, theme: theme)
    guard inner.height >= 3 else { return }
    for (row, line) in lines.prefix(inner.height - 2).enumerated() {
      buffer.put(line, x: inner.x + 1, y: inner.y + row, maxWidth: inner.width - 2, style: theme[.dialog])
    }
    let buttons = inner.y + min(lines.count, inner.height - 2) + 1
    let confirm = " \(confirmLabel) "
    let cancel = " \(cancelLabel) "
    let total = DisplayWidth.of(confirm) + DisplayWidth.of(cancel) + 2
    var x = inner.x + max(0, (inner.width - total) / 2)
    var confirmStyle = theme[confirmFocused ? .buttonFocus : .button]
    if isDangerous { confirmStyle = confirmStyle.patched(with: theme[.statusError]) }
    x += buffer.put(confirm, x: x, y: buttons, style: confirmStyle) + 2
    buffer.put(cancel, x: x, y: buttons, style: theme[confirmFocused ? .button : .buttonFocus])
  }
}
