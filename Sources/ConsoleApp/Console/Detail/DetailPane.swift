import Views

/// The detail pane: the sections of a `DetailModel` one under another (summary, a Pod's
/// containers, conditions, reconcile state, instances, a Node's resources, GPUs and pods,
/// revisions, events, owner tree), scrolled by a `DetailScroll`.
/// Pure; it draws no border, so the caller frames it in a `Block` with `model.title`.
struct DetailPane: Sendable {
  /// Instances listed before a `… N more` line.
  static let maxInstances = 50
  /// Events listed (warnings first, newest first) before a `… N more` line; describe lists all
  /// of the object's own.
  static let maxEvents = 12

  /// What to show.
  var model: DetailModel

  /// The blocks, top to bottom.
  var blocks: [DetailBlock] {
    [.fields(model.summary.items)] + sloBlocks + containerBlocks + conditionBlocks + reconcileBlocks + instanceBlocks
      + nodeBlocks + revisionBlocks + eventBlocks + treeBlocks
  }

  /// Rows the whole content takes, for scrolling.
  var contentHeight: Int { blocks.map(\.height).reduce(0, +) }

  /// Draws the rows of the content from `scroll.top` into `area`. Only blocks in view are drawn;
  /// one cut by an edge is drawn whole off-screen and its visible rows copied.
  func render(into buffer: inout ScreenBuffer, area: Rect, scroll: DetailScroll, theme: Theme) {
    guard !area.isEmpty else { return }
    buffer.fill(area, style: theme[.text])
    let blocks = self.blocks
    let top = scroll.clamped(contentHeight: blocks.map(\.height).reduce(0, +), viewport: area.height).top
    var y = 0
    for block in blocks {
      let height = block.height
      defer { y += height }
      let first = max(0, top - y)
      let last = min(height, top + area.height - y)
      guard first < last else { continue }
      if first == 0 && last == height {
        block.render(
          into: &buffer, area: Rect(x: area.x, y: area.y + y - top, width: area.width, height: height), theme: theme)
        continue
      }
      var scratch = ScreenBuffer(width: area.width, height: height)
      block.render(into: &scratch, area: scratch.area, theme: theme)
      Self.copy(rows: first..<last, of: scratch, into: &buffer, x: area.x, y: area.y + y + first - top)
    }
  }

  /// Copies `rows` of `source` into `buffer` with the first at (`x`, `y`); continuation cells are
  /// skipped because writing a wide cell writes its continuation.
  static func copy(rows: Range<Int>, of source: ScreenBuffer, into buffer: inout ScreenBuffer, x: Int, y: Int) {
    for (offset, row) in rows.enumerated() {
      for column in 0..<source.width where !source[x: column, y: row].isContinuation {
        buffer.set(source[x: column, y: row], x: x + column, y: y + offset)
      }
    }
  }
}
