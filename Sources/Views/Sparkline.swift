/// A small chart of recent values: block characters (8 levels per row) or braille (two values per
/// cell and 4 levels per row, double resolution), with optional max/min labels on the left.
public struct Sparkline: Sendable {
  /// How values are drawn.
  public enum Mode: Hashable, Sendable {
    /// `▁▂▃▄▅▆▇█`, one value per column.
    case blocks
    /// Braille dots, two values per column.
    case braille
  }

  /// The values, oldest first; the newest are drawn at the right.
  public var values: [Double]
  /// Drawing mode.
  public var mode: Mode
  /// Whether to draw the max (top) and min (bottom) labels.
  public var showLabels: Bool
  /// The value at the bottom (default: the smallest shown, or 0 if all are positive).
  public var minimum: Double?
  /// The value at the top (default: the largest shown).
  public var maximum: Double?

  /// Creates a sparkline.
  public init(
    values: [Double], mode: Mode = .blocks, showLabels: Bool = false, minimum: Double? = nil, maximum: Double? = nil
  ) {
    self.values = values
    self.mode = mode
    self.showLabels = showLabels
    self.minimum = minimum
    self.maximum = maximum
  }

  static let blocks: [String] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

  /// Draws the chart.
  public func render(into buffer: inout ScreenBuffer, area: Rect, theme: Theme) {
    guard !area.isEmpty else { return }
    var chart = area
    let perColumn = mode == .braille ? 2 : 1
    let guess = Array(values.suffix(area.width * perColumn))
    let low = minimum ?? min(0, guess.min() ?? 0)
    let high = max(maximum ?? (guess.max() ?? 1), low + .ulpOfOne)
    if showLabels {
      let top = NumberFormat.compact(high)
      let bottom = NumberFormat.compact(low)
      let labelWidth = max(DisplayWidth.of(top), DisplayWidth.of(bottom)) + 1
      buffer.putAligned(
        top, x: area.x, y: area.y, width: labelWidth - 1, alignment: .right, style: theme[.sparklineLabel])
      if area.height > 1 {
        buffer.putAligned(
          bottom, x: area.x, y: area.bottom - 1, width: labelWidth - 1, alignment: .right, style: theme[.sparklineLabel]
        )
      }
      chart = Rect(x: area.x + labelWidth, y: area.y, width: area.width - labelWidth, height: area.height)
    }
    let shown = Array(values.suffix(chart.width * perColumn))
    let style = theme[.sparkline]
    switch mode {
    case .blocks: drawBlocks(shown, low: low, high: high, into: &buffer, area: chart, style: style)
    case .braille: drawBraille(shown, low: low, high: high, into: &buffer, area: chart, style: style)
    }
  }

  /// `value` scaled to 0...levels.
  static func level(_ value: Double, low: Double, high: Double, levels: Int) -> Int {
    guard value.isFinite else { return 0 }
    let ratio = (min(max(value, low), high) - low) / (high - low)
    return Int((ratio * Double(levels)).rounded())
  }

  private func drawBlocks(
    _ shown: [Double], low: Double, high: Double, into buffer: inout ScreenBuffer, area: Rect, style: Style
  ) {
    let start = area.right - shown.count
    for (i, value) in shown.enumerated() {
      let level = Sparkline.level(value, low: low, high: high, levels: area.height * 8)
      for row in 0..<area.height {
        let fromBottom = area.height - 1 - row
        let cellLevel = min(8, max(0, level - fromBottom * 8))
        buffer.put(Sparkline.blocks[cellLevel], x: start + i, y: area.y + row, style: style)
      }
    }
  }

  private func drawBraille(
    _ shown: [Double], low: Double, high: Double, into buffer: inout ScreenBuffer, area: Rect, style: Style
  ) {
    let columns = (shown.count + 1) / 2
    let start = area.right - columns
    let leftDots: [UInt32] = [0x40, 0x04, 0x02, 0x01]  // dots 7,3,2,1 from the bottom
    let rightDots: [UInt32] = [0x80, 0x20, 0x10, 0x08]  // dots 8,6,5,4
    let offset = shown.count % 2  // an odd count leaves the first left half empty
    for column in 0..<columns {
      for row in 0..<area.height {
        var bits: UInt32 = 0
        for half in 0..<2 {
          let index = column * 2 + half - offset
          guard index >= 0, index < shown.count else { continue }
          let level = Sparkline.level(shown[index], low: low, high: high, levels: area.height * 4)
          let dots = min(4, max(0, level - (area.height - 1 - row) * 4))
          for d in 0..<dots { bits |= (half == 0 ? leftDots : rightDots)[d] }
        }
        let symbol = String(UnicodeScalar(0x2800 + bits)!)
        buffer.put(symbol, x: start + column, y: area.y + row, style: style)
      }
    }
  }
}
