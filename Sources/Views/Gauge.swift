/// Ratios at which a gauge changes from its low to mid to high colour.
public struct Thresholds: Hashable, Sendable {
  /// At or above this ratio the gauge is `mid` (warning).
  public var warning: Double
  /// At or above this ratio the gauge is `high` (critical).
  public var critical: Double

  /// Creates thresholds.
  public init(warning: Double = 0.7, critical: Double = 0.9) {
    self.warning = warning
    self.critical = critical
  }

  /// The theme role for `ratio`.
  public func role(for ratio: Double) -> ThemeRole {
    ratio >= critical ? .gaugeHigh : ratio >= warning ? .gaugeMid : .gaugeLow
  }
}

/// A one-row bar gauge: `label ███████▌····· 63%`, coloured by thresholds, with eighth-cell precision.
public struct Gauge: Sendable {
  /// 0...1 (clamped); NaN shows N/A.
  public var ratio: Double
  /// Text on the left.
  public var label: String
  /// Text on the right (default: the percentage).
  public var valueText: String?
  /// When the colour changes.
  public var thresholds: Thresholds

  /// Creates a gauge.
  public init(ratio: Double, label: String = "", valueText: String? = nil, thresholds: Thresholds = Thresholds()) {
    self.ratio = ratio
    self.label = label
    self.valueText = valueText
    self.thresholds = thresholds
  }

  static let eighths = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]

  /// Draws the gauge in the first row of `area`.
  public func render(into buffer: inout ScreenBuffer, area: Rect, theme: Theme) {
    guard !area.isEmpty else { return }
    var x = area.x
    if !label.isEmpty {
      x += buffer.put(label + " ", x: x, y: area.y, maxWidth: area.width / 2, style: theme[.text])
    }
    let value = valueText ?? NumberFormat.percent(ratio)
    let valueWidth = DisplayWidth.of(value)
    let barWidth = area.right - x - valueWidth - 1
    if barWidth > 0 {
      Gauge.drawBar(
        ratio: ratio, into: &buffer, x: x, y: area.y, width: barWidth, style: theme[thresholds.role(for: ratio)],
        track: theme[.gaugeTrack])
      x += barWidth + 1
    }
    buffer.put(value, x: x, y: area.y, maxWidth: area.right - x, style: theme[thresholds.role(for: ratio)])
  }

  /// Draws a bar `width` cells wide filled to `ratio`, the rest as a dotted track.
  static func drawBar(
    ratio: Double, into buffer: inout ScreenBuffer, x: Int, y: Int, width: Int, style: Style, track: Style
  ) {
    let clamped = ratio.isFinite ? min(max(ratio, 0), 1) : 0
    let eighthsFilled = Int((clamped * Double(width * 8)).rounded())
    let full = eighthsFilled / 8
    let partial = eighthsFilled % 8
    buffer.put(String(repeating: "█", count: full), x: x, y: y, style: style)
    if partial > 0 { buffer.put(eighths[partial], x: x + full, y: y, style: style) }
    let used = full + (partial > 0 ? 1 : 0)
    buffer.put(String(repeating: "·", count: max(0, width - used)), x: x + used, y: y, style: track)
  }
}
