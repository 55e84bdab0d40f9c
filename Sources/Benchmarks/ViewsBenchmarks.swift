import Foundation
import Views

/// The terminal toolkit's figures: the time to render and diff a full 240x70 frame holding a
/// 100,000-row table, a log view and sparklines; the bytes written for an unchanged frame and for
/// a frame where one table row changed, against a full repaint.
enum ViewsBenchmarks {
  static let area = "Views (terminal toolkit)"
  static let size = Size(width: 240, height: 70)

  static func run(into report: inout BenchmarkReport) {
    var scene = BenchScene(rows: 100_000)
    let frames = frameTimes(&scene, count: 300)
    report.add(
      .init(
        area: area, name: "render + diff of a full 240x70 frame (100,000-row table, logs, sparklines)",
        median: String(format: "%.3f ms", frames.median), p99: String(format: "%.3f ms", frames.p99), target: "< 2 ms",
        met: frames.median < 2))
    let base = frame(scene)
    let unchanged = FrameDiff.bytes(from: base, to: frame(scene), colorMode: .trueColor).count
    report.add(
      .init(
        area: area, name: "bytes written for an unchanged frame", median: "\(unchanged) B", p99: "—", target: "0 B",
        met: unchanged == 0))
    let full = FrameDiff.fullRepaint(base, colorMode: .trueColor).count
    let changed = scene.table.row(at: scene.table.visibleOffset(viewport: 66) + 10).id
    scene.table.upsert(BenchScene.row(Int(changed.split(separator: "-").last ?? "0") ?? 0, generation: 2))
    let oneRow = FrameDiff.bytes(from: base, to: frame(scene), colorMode: .trueColor).count
    let ratio = Double(oneRow) / Double(full)
    report.add(
      .init(
        area: area, name: "bytes for a frame with one changed row (vs \(full) B full repaint)", median: "\(oneRow) B",
        p99: "—", target: "< 1% of full", ratio: String(format: "%.2f%%", ratio * 100), met: ratio < 0.01))
  }

  static func frame(_ scene: BenchScene) -> ScreenBuffer {
    var buffer = ScreenBuffer(size: size)
    scene.render(into: &buffer)
    return buffer
  }

  static func frameTimes(_ scene: inout BenchScene, count: Int) -> Sample {
    var samples: [Double] = []
    var previous = frame(scene)
    let clock = ContinuousClock()
    for index in 0..<(count + 20) {
      scene.table.moveSelection(by: index % 2 == 0 ? 1 : -1, viewport: 66)
      let start = clock.now
      var buffer = ScreenBuffer(size: size)
      scene.render(into: &buffer)
      _ = FrameDiff.bytes(from: previous, to: buffer, colorMode: .trueColor)
      let elapsed = clock.now - start
      previous = buffer
      if index >= 20 { samples.append(elapsed.seconds * 1000) }
    }
    return Sample(values: samples)
  }
}
