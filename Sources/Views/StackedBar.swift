/// A one-row bar of several parts of a capacity (e.g. GPU memory by model), with a threshold
/// marker and the total coloured by thresholds.
public struct StackedBar: Sendable {
  /// One part of the bar.
  public struct Segment: Hashable, Sendable {
    /// The amount.
    public var value: Double
    /// The style role of its cells.
    public var role: ThemeRole
    /// Its name (for legends).
    public var label: String

    /// Creates a segment.
    public init(value: Double, role: ThemeRole, label: String = "") {
      self.value = value
      self.role = role
      self.label = label
    }
  }

  /// The parts, drawn left to right.
  public var segments: [Segment]
  /// The amount a full bar stands for.
  public var capacity: Double
  /// When the total changes colour; a `│` marks the warning threshold on the track.
  public var thresholds: Thresholds

  /// Creates a stacked bar.
  public init(segments: [Segment], capacity: Double, thresholds: Thresholds = Thresholds()) {
    self.segments = segments
    self.capacity = capacity
    self.thresholds = thresholds
  }

  /// Total of every segment over capacity.
  public var ratio: Double { capacity > 0 ? segments.map(\.value).reduce(0, +) / capacity : .nan }

  /// Draws the bar followed by the total percentage.
  public func render(into buffer: inout ScreenBuffer, area: Rect, theme: Theme) {
    guard !area.isEmpty else { return }
    let value = NumberFormat.percent(ratio)
    let width = area.width - DisplayWidth.of(value) - 1
    guard width > 0 else { return }
    let markerX = area.x + Int((thresholds.warning * Double(width)).rounded())
    buffer.put(String(repeating: "·", count: width), x: area.x, y: area.y, style: theme[.gaugeTrack])
    if markerX < area.x + width { buffer.put("│", x: markerX, y: area.y, style: theme[.gaugeMid]) }
    var x = area.x
    var accumulated = 0.0
    for segment in segments where capacity > 0 {
      accumulated += segment.value
      let end = area.x + min(width, Int((accumulated / capacity * Double(width)).rounded()))
      if end > x { buffer.put(String(repeating: "█", count: end - x), x: x, y: area.y, style: theme[segment.role]) }
      x = max(x, end)
    }
    buffer.put(value, x: area.x + width + 1, y: area.y, style: theme[thresholds.role(for: ratio)])
  }
}
