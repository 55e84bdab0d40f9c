import Testing

@testable import Views

@Suite("KeyDecoder")
struct KeyDecoderTests {
  static func decode(_ text: String) -> [InputEvent] {
    var decoder = KeyDecoder()
    return decoder.feed(Array(text.utf8)) + decoder.flush()
  }

  @Test(
    "decodes special keys",
    arguments: [
      ("\u{1b}[A", KeyEvent(.up)), ("\u{1b}OB", KeyEvent(.down)), ("\u{1b}[H", KeyEvent(.home)),
      ("\u{1b}[4~", KeyEvent(.end)), ("\u{1b}[5~", KeyEvent(.pageUp)), ("\u{1b}[6~", KeyEvent(.pageDown)),
      ("\u{1b}[3~", KeyEvent(.delete)), ("\u{1b}OP", KeyEvent(.function(1))), ("\u{1b}[15~", KeyEvent(.function(5))),
      ("\u{1b}[24~", KeyEvent(.function(12))), ("\r", KeyEvent(.enter)), ("\t", KeyEvent(.tab)),
      ("\u{1b}[Z", KeyEvent(.backTab)), ("\u{7f}", KeyEvent(.backspace)), ("\u{1b}", KeyEvent(.escape)),
      ("\u{1b}[1;5C", KeyEvent(.right, .ctrl)), ("\u{1b}[1;3A", KeyEvent(.up, .alt)),
      ("\u{1b}[1;2D", KeyEvent(.left, .shift)),
      ("\u{3}", KeyEvent.ctrl("c")), ("\u{4}", KeyEvent.ctrl("d")), ("\u{1b}x", KeyEvent.alt("x")),
      ("é", KeyEvent.char("é")), ("日", KeyEvent.char("日")),
    ])
  func keys(_ input: String, _ expected: KeyEvent) {
    #expect(Self.decode(input) == [.key(expected)])
  }

  @Test("a lone Esc waits for the timeout, then is Esc")
  func escapeTimeout() {
    var decoder = KeyDecoder()
    #expect(decoder.feed([0x1b]).isEmpty)
    #expect(decoder.hasPending)
    #expect(decoder.flush() == [.key(KeyEvent(.escape))])
    #expect(decoder.feed([0x1b, 0x5b]).isEmpty)
    #expect(decoder.feed([0x41]) == [.key(KeyEvent(.up))])
  }

  @Test("UTF-8 split across reads is joined")
  func splitUTF8() {
    var decoder = KeyDecoder()
    let bytes = Array("🚀".utf8)
    #expect(decoder.feed(bytes[0..<2]).isEmpty)
    #expect(decoder.feed(bytes[2...]) == [.key(.char("🚀"))])
  }

  @Test("bracketed paste arrives whole, even across reads")
  func paste() {
    var decoder = KeyDecoder()
    #expect(decoder.feed(Array("\u{1b}[200~hello\u{1b}[A wo".utf8)).isEmpty)
    #expect(decoder.feed(Array("rld\u{1b}[201~q".utf8)) == [.paste("hello\u{1b}[A world"), .key(.char("q"))])
  }

  @Test("mouse wheel and clicks (SGR 1006)")
  func mouse() {
    #expect(Self.decode("\u{1b}[<64;10;5M") == [.mouse(.wheelUp(x: 9, y: 4))])
    #expect(Self.decode("\u{1b}[<65;1;1M") == [.mouse(.wheelDown(x: 0, y: 0))])
    #expect(
      Self.decode("\u{1b}[<0;3;4M\u{1b}[<0;3;4m") == [
        .mouse(.press(button: 0, x: 2, y: 3)), .mouse(.release(x: 2, y: 3)),
      ])
  }

  @Test("several keys in one read")
  func burst() {
    #expect(Self.decode("jk\u{1b}[B") == [.key(.char("j")), .key(.char("k")), .key(KeyEvent(.down))])
  }

  @Test("key names for help and hints")
  func names() {
    #expect(KeyEvent.ctrl("d").description == "ctrl-d")
    #expect(KeyEvent(.up).description == "↑")
    #expect(KeyEvent(.function(5)).description == "F5")
  }
}
