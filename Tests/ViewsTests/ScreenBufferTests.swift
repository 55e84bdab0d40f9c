import Testing

@testable import Views

@Suite("ScreenBuffer")
struct ScreenBufferTests {
  @Test("writes ASCII and clips at the edge")
  func asciiClipping() {
    var buffer = ScreenBuffer(width: 6, height: 2)
    let used = buffer.put("hello world", x: 1, y: 0)
    #expect(used == 5)
    #expect(buffer.lines() == [" hello", "      "])
  }

  @Test("a wide character takes two cells and is never split")
  func wideCharacters() {
    var buffer = ScreenBuffer(width: 5, height: 2)
    buffer.put("日本語", x: 0, y: 0)
    buffer.put("a日", x: 3, y: 1)
    #expect(buffer.lines() == ["日本 ", "   a "])
    #expect(buffer[x: 0, y: 0].width == 2)
    #expect(buffer[x: 1, y: 0].isContinuation)
  }

  @Test("overwriting half of a wide character blanks the other half")
  func overwriteHalf() {
    var buffer = ScreenBuffer(width: 4, height: 1)
    buffer.put("日本", x: 0, y: 0)
    buffer.put("x", x: 1, y: 0)
    #expect(buffer.lines() == [" x本"])
    buffer.put("y", x: 2, y: 0)
    #expect(buffer.lines() == [" xy "])
  }

  @Test("combining marks stay with their base and controls are replaced")
  func combiningAndControls() {
    var buffer = ScreenBuffer(width: 6, height: 1)
    let used = buffer.put("e\u{301}a\u{7}b", x: 0, y: 0)
    #expect(used == 4)
    #expect(buffer[x: 0, y: 0].symbol == "e\u{301}")
    #expect(buffer.lines() == ["e\u{301}a\u{FFFD}b  "])
  }

  @Test("emoji are two cells wide", arguments: ["🚀", "👍🏽", "❤️", "👨‍👩‍👧", "🇫🇷"])
  func emojiWidth(_ emoji: String) {
    #expect(DisplayWidth.of(emoji) == 2)
  }

  @Test("horizontal skip blanks a wide character cut at the left edge")
  func skipWide() {
    var buffer = ScreenBuffer(width: 4, height: 1)
    buffer.put("日本語", x: 0, y: 0, skip: 1)
    #expect(buffer.lines() == [" 本 "])
  }

  @Test("truncates with an ellipsis")
  func truncate() {
    #expect(TextLayout.truncate("abcdef", to: 4) == "abc…")
    #expect(TextLayout.truncate("日本語", to: 4) == "日…")
    #expect(TextLayout.truncate("abc", to: 3) == "abc")
  }

  @Test("finds matches by display column, ignoring case")
  func matchColumns() {
    #expect(TextLayout.matchColumns(of: "ab", in: "xAbyab") == [1..<3, 4..<6])
    #expect(TextLayout.matchColumns(of: "b", in: "日b") == [2..<3])
  }
}
