import Testing

@testable import Views

@Suite("FrameDiff")
struct FrameDiffTests {
  static func sample(_ seed: Int) -> ScreenBuffer {
    var buffer = ScreenBuffer(width: 20, height: 4)
    let styles = [
      Style(foreground: .rgb(255, 0, 0)), Style(foreground: .ansi(2), attributes: .bold),
      Style(background: .indexed(236)), .plain,
    ]
    buffer.put("row \(seed) 日本 é", x: seed % 3, y: 0, style: styles[seed % 4])
    buffer.put("status: ok ✓ \(seed * 7)", x: 1, y: 2, style: styles[(seed + 1) % 4])
    buffer.put("🚀 launch", x: 10, y: 3, style: styles[(seed + 2) % 4])
    return buffer
  }

  @Test("an unchanged frame costs zero bytes")
  func unchanged() {
    let frame = Self.sample(1)
    #expect(FrameDiff.bytes(from: frame, to: frame, colorMode: .trueColor).isEmpty)
  }

  @Test("applying the diff reproduces the next frame exactly", arguments: [0, 1, 2, 3, 4, 5])
  func roundTrip(_ seed: Int) {
    let terminal = MemoryTerminal(size: Size(width: 20, height: 4))
    terminal.present(Self.sample(seed))
    #expect(terminal.screen.buffer == Self.sample(seed))
    terminal.present(Self.sample(seed + 1))
    #expect(terminal.screen.buffer == Self.sample(seed + 1))
  }

  @Test("a one-cell change writes a cursor move and the cell only")
  func oneCell() {
    var a = ScreenBuffer(width: 10, height: 3)
    a.put("abc", x: 0, y: 1)
    var b = a
    b.put("X", x: 1, y: 1)
    let bytes = FrameDiff.bytes(from: a, to: b, colorMode: .trueColor)
    #expect(String(decoding: bytes, as: UTF8.self) == "\u{1b}[2;2H\u{1b}[0mX")
  }

  @Test(
    "colours are downgraded for the terminal",
    arguments: [
      (ColorMode.trueColor, "\u{1b}[0;38;2;255;135;0m"), (.palette256, "\u{1b}[0;38;5;208m"),
      (.ansi16, "\u{1b}[0;33m"), (.ansi8, "\u{1b}[0;33m"), (ColorMode.none, "\u{1b}[0m"),
    ])
  func downgrade(_ mode: ColorMode, _ sgr: String) {
    var frame = ScreenBuffer(width: 1, height: 1)
    frame.put("x", x: 0, y: 0, style: Style(foreground: .rgb(255, 135, 0)))
    let text = String(
      decoding: FrameDiff.bytes(from: ScreenBuffer(width: 1, height: 1), to: frame, colorMode: mode), as: UTF8.self)
    #expect(text == "\u{1b}[1;1H" + sgr + "x")
  }

  @Test("a resize repaints everything on the new size")
  func resize() {
    let terminal = MemoryTerminal(size: Size(width: 20, height: 4))
    terminal.present(Self.sample(2))
    terminal.resize(to: Size(width: 12, height: 3))
    var small = ScreenBuffer(width: 12, height: 3)
    small.put("resized", x: 0, y: 1)
    terminal.present(small)
    #expect(terminal.lines() == ["            ", "resized     ", "            "])
  }
}
