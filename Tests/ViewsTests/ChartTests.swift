import Testing

@testable import Views

@Suite("Sparkline")
struct SparklineTests {
  @Test("block mode uses eight levels per row")
  func blocks() {
    let spark = Sparkline(values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 16], minimum: 0, maximum: 16)
    #expect(snapshot(12, 2) { spark.render(into: &$0, area: $1, theme: .plain) } == ["           █", "   ▁▂▃▄▅▆▇██"])
  }

  @Test("braille mode draws two values per cell")
  func braille() {
    let spark = Sparkline(values: [0, 1, 2, 3, 4, 4, 3, 2, 1, 0], mode: .braille, minimum: 0, maximum: 4)
    #expect(snapshot(6, 1) { spark.render(into: &$0, area: $1, theme: .plain) } == [" ⢀⣴⣿⣦⡀"])
  }

  @Test("labels show max at the top and min at the bottom")
  func labels() {
    let spark = Sparkline(values: [10, 500, 1200, 300, 800], showLabels: true)
    #expect(
      snapshot(16, 3) { spark.render(into: &$0, area: $1, theme: .plain) } == [
        "1.2k         █  ", "            ▂█ █", "   0        ██▆█",
      ])
  }

  @Test("shows only the newest values that fit")
  func newestOnly() {
    let spark = Sparkline(values: [8, 8, 8, 0, 8], minimum: 0, maximum: 8)
    #expect(snapshot(2, 1) { spark.render(into: &$0, area: $1, theme: .plain) } == [" █"])
  }
}

@Suite("Gauge")
struct GaugeTests {
  @Test(
    "fills with eighth-cell precision",
    arguments: [
      (0.63, 30, "GPU █████████████▉········ 63%"), (0.5, 16, "GPU ████···· 50%"), (1.0, 16, "GPU ███████ 100%"),
    ])
  func bar(_ ratio: Double, _ width: Int, _ expected: String) {
    #expect(
      snapshot(width, 1) { Gauge(ratio: ratio, label: "GPU").render(into: &$0, area: $1, theme: .plain) } == [expected])
  }

  @Test("colours by threshold", arguments: [(0.2, ThemeRole.gaugeLow), (0.75, .gaugeMid), (0.95, .gaugeHigh)])
  func thresholds(_ ratio: Double, _ role: ThemeRole) {
    let buffer = frame(20, 1) { Gauge(ratio: ratio).render(into: &$0, area: $1, theme: .default) }
    #expect(buffer[x: 19, y: 0].style == Theme.default[role])
  }

  @Test("stacked bar shows parts, the warning marker and the total")
  func stacked() {
    let bar = StackedBar(
      segments: [.init(value: 30, role: .statusOK), .init(value: 20, role: .statusWarn)], capacity: 100)
    let buffer = frame(24, 1) { bar.render(into: &$0, area: $1, theme: .default) }
    #expect(buffer.lines() == ["██████████····│····· 50%"])
    #expect(buffer[x: 0, y: 0].style == Theme.default[.statusOK])
    #expect(buffer[x: 8, y: 0].style == Theme.default[.statusWarn])
  }
}
