import Testing

@testable import Views

@Suite("Layout")
struct LayoutTests {
  @Test("shares the space by weight after minimums and fixed parts")
  func weights() {
    let parts = Layout.split(
      Rect(x: 0, y: 0, width: 100, height: 10), .horizontal, [.weight(3), .fixed(10), .weight(1)])
    #expect(parts.map(\.width) == [68, 10, 22])
    #expect(parts.map(\.x) == [0, 68, 78])
  }

  @Test("meets minimums first and shrinks the last parts when space runs out")
  func minimums() {
    #expect(
      Layout.split(
        Rect(x: 0, y: 0, width: 10, height: 30), .vertical, [.weight(1, minimum: 20), .weight(1, minimum: 5)]
      ).map(\.height) == [23, 7])
    #expect(
      Layout.split(Rect(x: 0, y: 0, width: 10, height: 12), .vertical, [.fixed(8), .fixed(8)]).map(\.height) == [8, 4])
  }

  @Test("leaves spacing between parts")
  func spacing() {
    let parts = Layout.split(Rect(x: 2, y: 0, width: 21, height: 1), .horizontal, [.weight(1), .weight(1)], spacing: 1)
    #expect(parts.map(\.x) == [2, 13])
    #expect(parts.map(\.width) == [10, 10])
  }
}

@Suite("Block")
struct BlockTests {
  @Test("draws a titled border with a trailing title")
  func titled() {
    #expect(
      snapshot(20, 4) { Block(title: "Pods", trailingTitle: "[3]").render(into: &$0, area: $1, theme: .plain) } == [
        "┌─ Pods ───── [3] ─┐", "│                  │", "│                  │", "└──────────────────┘",
      ])
  }

  @Test("a focused pane is drawn heavy and its long title is cut")
  func focused() {
    let buffer = frame(20, 3) {
      Block(title: "A very long title here", focused: true).render(into: &$0, area: $1, theme: .default)
    }
    #expect(buffer.lines() == ["┏━ A very long t… ━┓", "┃                  ┃", "┗━━━━━━━━━━━━━━━━━━┛"])
    #expect(buffer[x: 0, y: 0].style == Theme.default[.borderFocus])
    #expect(buffer[x: 4, y: 0].style == Theme.default[.titleFocus])
  }

  @Test("returns the inner area")
  func inner() {
    var buffer = ScreenBuffer(width: 10, height: 5)
    #expect(Block().render(into: &buffer, area: buffer.area, theme: .plain) == Rect(x: 1, y: 1, width: 8, height: 3))
  }

  @Test("below the minimum size a clear message replaces the layout")
  func tooSmall() {
    #expect(
      snapshot(40, 4) {
        TooSmallScreen.render(into: &$0, area: $1, minimum: Size(width: 80, height: 24), theme: .plain)
      } == [
        "                                        ",
        "    terminal too small (needs 80x24)    ",
        "           current size: 40x4           ",
        "                                        ",
      ])
  }
}
