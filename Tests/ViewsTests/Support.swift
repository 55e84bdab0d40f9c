@testable import Views

/// Renders into a fresh buffer of `width` x `height` and returns its lines.
func snapshot(_ width: Int, _ height: Int, _ draw: (inout ScreenBuffer, Rect) -> Void) -> [String] {
  var buffer = ScreenBuffer(width: width, height: height)
  draw(&buffer, buffer.area)
  return buffer.lines()
}

/// Renders into a fresh buffer and returns it (for style checks).
func frame(_ width: Int, _ height: Int, _ draw: (inout ScreenBuffer, Rect) -> Void) -> ScreenBuffer {
  var buffer = ScreenBuffer(width: width, height: height)
  draw(&buffer, buffer.area)
  return buffer
}

/// A small table fixture.
func sampleRows(_ count: Int) -> [TableRow<String>] {
  (0..<count).map { i in
    TableRow(id: "row-\(i)", cells: ["pod-\(i)", ["Running", "Pending", "Failed"][i % 3], "\(i * 10)"])
  }
}

let sampleColumns = [
  TableColumn("NAME", width: .flex(weight: 1, minimum: 6)),
  TableColumn("STATUS", width: .fixed(8)),
  TableColumn("CPU", width: .fixed(4), alignment: .right),
]
