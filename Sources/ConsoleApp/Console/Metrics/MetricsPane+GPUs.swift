import Views

extension MetricsPane {
  /// Utilisation: 70% is busy, 90% is saturated.
  static let utilisationThresholds = Thresholds(warning: 0.7, critical: 0.9)
  /// Framebuffer: 80% leaves little headroom for a larger batch, 90% risks out-of-memory.
  static let memoryThresholds = Thresholds(warning: 0.8, critical: 0.9)
  /// The temperature at which NVIDIA data-centre GPUs start to slow down to cool.
  static let hotCelsius = 85.0

  /// A node's heading: name, GPU count, mean utilisation and product.
  static func drawNode(
    _ group: GPUNodeGroup, highlighted: Bool, into buffer: inout ScreenBuffer, area: Rect, theme: Theme
  ) {
    var style = theme[.title]
    if highlighted { style = style.patched(with: theme[.titleFocus]).adding(.bold) }
    let products = Set(group.gpus.map(\.product).filter { !$0.isEmpty }).sorted().joined(separator: ", ")
    var text = "\(highlighted ? "▸" : " ") \(group.node.isEmpty ? "(unknown node)" : group.node)"
    text += " · \(group.gpus.count) GPU\(group.gpus.count == 1 ? "" : "s")"
    text += " · util \(group.averageUtilisation.map { "\(Int($0.rounded()))%" } ?? "N/A")"
    if !products.isEmpty { text += " · \(products)" }
    buffer.put(text, x: area.x, y: area.y, maxWidth: area.width, style: style)
  }

  /// One GPU: index, utilisation and memory gauges, memory in GiB, power, temperature, holder.
  static func drawGPU(
    _ gpu: GPUMetricsRow, highlighted: Bool, into buffer: inout ScreenBuffer, area: Rect, theme: Theme
  ) {
    let layout = GPULayout(width: area.width)
    var text = theme[.text]
    if highlighted { text = text.patched(with: theme[.titleFocus]).adding(.bold) }
    buffer.fill(area, style: text)
    buffer.put(highlighted ? "▸" : " ", x: area.x, y: area.y, style: text)
    buffer.putAligned(gpu.index, x: area.x + 2, y: area.y, width: 2, alignment: .right, style: text)
    var x = area.x + 5
    x += buffer.put("util ", x: x, y: area.y, maxWidth: area.right - x, style: theme[.muted])
    Gauge(ratio: (gpu.utilisation ?? .nan) / 100, thresholds: utilisationThresholds)
      .render(
        into: &buffer, area: Rect(x: x, y: area.y, width: min(layout.gauge, area.right - x), height: 1), theme: theme)
    x += layout.gauge + 2
    if layout.memoryGauge {
      x += buffer.put("mem ", x: x, y: area.y, maxWidth: max(0, area.right - x), style: theme[.muted])
      Gauge(ratio: gpu.memoryRatio ?? .nan, thresholds: memoryThresholds)
        .render(into: &buffer, area: Rect(x: x, y: area.y, width: layout.gauge, height: 1), theme: theme)
      x += layout.gauge + 1
    }
    let fields = trailingFields(gpu, layout: layout, theme: theme)
    for (value, width, style) in fields {
      buffer.putAligned(
        value, x: x, y: area.y, width: min(width, max(0, area.right - x)), alignment: .right, style: style)
      x += width + 1
    }
    if layout.holder > 0 {
      let holder = gpu.pod.isEmpty ? "free" : "\(gpu.namespace)/\(gpu.pod)"
      buffer.put(holder, x: x + 1, y: area.y, maxWidth: layout.holder, style: gpu.pod.isEmpty ? theme[.muted] : text)
    }
  }

  private static func trailingFields(
    _ gpu: GPUMetricsRow, layout: GPULayout, theme: Theme
  ) -> [(String, Int, Style)] {
    var fields: [(String, Int, Style)] = []
    if layout.memoryText {
      fields.append((MetricsFormat.memory(used: gpu.memoryUsedMiB, total: gpu.memoryTotalMiB), 11, theme[.text]))
    }
    if layout.power { fields.append((MetricsFormat.power(gpu.powerWatts), 5, theme[.text])) }
    let hot = (gpu.temperatureCelsius ?? 0) >= hotCelsius
    fields.append((MetricsFormat.temperature(gpu.temperatureCelsius), 5, theme[hot ? .gaugeHigh : .text]))
    return fields
  }
}

/// What of a GPU row fits a width: the gauges share the room the fixed fields leave, and
/// the holder, power, memory text and memory gauge go in that order when it is short.
struct GPULayout: Sendable {
  /// The width of each gauge (bar and percentage).
  var gauge = 10
  /// Whether the memory gauge is shown.
  var memoryGauge = true
  /// Whether `used/total` memory is shown.
  var memoryText = true
  /// Whether the power is shown.
  var power = true
  /// The width of the holder column; 0 when not shown.
  var holder = 0

  /// The layout for `width` cells.
  init(width: Int) {
    // Always: gutter and index (5), "util " (5), the gap after the gauge (2), temperature (6).
    let base = 18
    let options: [(WritableKeyPath<GPULayout, Bool>, Int)] = [
      (\.memoryGauge, 4 + 10 + 1), (\.memoryText, 12), (\.power, 6),
    ]
    var chosen = options.map { _ in true }
    func needed() -> Int { base + 10 + zip(options, chosen).reduce(0) { $0 + ($1.1 ? $1.0.1 : 0) } }
    for index in options.indices.reversed() where needed() > width { chosen[index] = false }
    for (option, on) in zip(options, chosen) { self[keyPath: option.0] = on }
    let gauges = memoryGauge ? 2 : 1
    let available = width - (needed() - 10 * gauges)
    let holderWidth = min(40, available - 14 * gauges - 1)
    holder = holderWidth >= 8 ? holderWidth : 0
    gauge = max(6, (available - (holder > 0 ? holder + 1 : 0)) / gauges)
  }
}
