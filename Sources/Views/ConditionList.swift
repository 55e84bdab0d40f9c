/// A list of status conditions (type, status, reason, message, age), each coloured by whether its
/// status is good: for most conditions `True` is good, for some (like `Degraded`) `False` is.
public struct ConditionList: Sendable {
  /// One condition.
  public struct Item: Hashable, Sendable {
    /// The condition type (`Ready`).
    public var type: String
    /// `True`, `False` or `Unknown`.
    public var status: String
    /// A CamelCase reason.
    public var reason: String
    /// A human message.
    public var message: String
    /// How long ago it last changed (`5m`).
    public var age: String
    /// Whether `True` is the healthy value.
    public var trueIsGood: Bool

    /// Creates an item.
    public init(
      type: String, status: String, reason: String = "", message: String = "", age: String = "", trueIsGood: Bool = true
    ) {
      self.type = type
      self.status = status
      self.reason = reason
      self.message = message
      self.age = age
      self.trueIsGood = trueIsGood
    }

    /// The role its status is drawn in.
    public var role: ThemeRole {
      switch status.lowercased() {
      case "true": trueIsGood ? .statusOK : .statusError
      case "false": trueIsGood ? .statusError : .statusOK
      default: .statusUnknown
      }
    }
  }

  /// The conditions.
  public var items: [Item]

  /// Creates a list.
  public init(items: [Item]) {
    self.items = items
  }

  /// Draws a header and one line per condition.
  public func render(into buffer: inout ScreenBuffer, area: Rect, theme: Theme) {
    guard !area.isEmpty else { return }
    let typeWidth = max(4, items.map { DisplayWidth.of($0.type) }.max() ?? 0)
    let reasonWidth = max(6, items.map { DisplayWidth.of($0.reason) }.max() ?? 0)
    let widths = [typeWidth, 7, reasonWidth, 5]
    let header = ["TYPE", "STATUS", "REASON", "AGE"]
    draw(
      header + ["MESSAGE"], widths: widths, into: &buffer, area: area, y: area.y,
      styles: Array(repeating: theme[.tableHeader], count: 5))
    for (row, item) in items.prefix(area.height - 1).enumerated() {
      let statusStyle = theme[.text].patched(with: theme[item.role])
      let styles = [theme[.text], statusStyle, theme[.text], theme[.muted], theme[.text]]
      draw(
        [item.type, item.status, item.reason, item.age, item.message], widths: widths, into: &buffer, area: area,
        y: area.y + 1 + row, styles: styles)
    }
  }

  private func draw(
    _ texts: [String], widths: [Int], into buffer: inout ScreenBuffer, area: Rect, y: Int, styles: [Style]
  ) {
    var x = area.x
    for (i, text) in texts.enumerated() {
      let width = i < widths.count ? widths[i] : area.right - x
      guard width > 0, x < area.right else { return }
      buffer.putAligned(text, x: x, y: y, width: min(width, area.right - x), alignment: .left, style: styles[i])
      x += width + 1
    }
  }
}
