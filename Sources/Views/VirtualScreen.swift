/// A tiny terminal emulator: applies the bytes `FrameDiff` emits (CUP, CUF, ED, SGR, UTF-8 text)
/// to a grid of cells. The in-memory backend uses it so tests check the real byte stream.
public struct VirtualScreen: Sendable {
  /// What the screen shows.
  public private(set) var buffer: ScreenBuffer
  private var cursorX = 0
  private var cursorY = 0
  private var style = Style.plain
  private var cluster = ""
  private var utf8: [UInt8] = []

  /// A blank screen.
  public init(size: Size) {
    buffer = ScreenBuffer(size: size)
  }

  /// Clears the screen and changes its size.
  public mutating func resize(to size: Size) {
    buffer = ScreenBuffer(size: size)
    cursorX = 0
    cursorY = 0
  }

  /// Interprets `bytes`.
  public mutating func apply(_ bytes: [UInt8]) {
    var i = 0
    while i < bytes.count {
      let b = bytes[i]
      if b == 0x1b, i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "[") {
        flushCluster()
        var j = i + 2
        while j < bytes.count, !(0x40...0x7e).contains(bytes[j]) { j += 1 }
        guard j < bytes.count else { return }
        csi(params: String(decoding: bytes[(i + 2)..<j], as: UTF8.self), final: bytes[j])
        i = j + 1
        continue
      }
      feedText(b)
      i += 1
    }
    flushCluster()
  }

  private mutating func feedText(_ byte: UInt8) {
    utf8.append(byte)
    var iterator = utf8.makeIterator()
    var decoder = UTF8()
    guard case .scalarValue(let scalar) = decoder.decode(&iterator) else {
      if utf8.count >= 4 { utf8.removeAll() }
      return
    }
    utf8.removeAll()
    let extended = cluster + String(scalar)
    if !cluster.isEmpty && extended.count == 1 {
      cluster = extended
    } else {
      flushCluster()
      cluster = String(scalar)
    }
  }

  private mutating func flushCluster() {
    guard !cluster.isEmpty, let character = cluster.first else { return }
    let (symbol, width) = DisplayWidth.glyph(for: character)
    buffer.set(Cell(symbol: symbol, width: UInt8(width), style: style), x: cursorX, y: cursorY)
    cursorX = min(cursorX + width, buffer.width - 1)
    cluster = ""
  }

  private mutating func csi(params: String, final: UInt8) {
    let numbers = params.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 0 }
    switch final {
    case UInt8(ascii: "H"):
      cursorY = max(1, numbers.first ?? 1) - 1
      cursorX = max(1, numbers.count > 1 ? numbers[1] : 1) - 1
    case UInt8(ascii: "C"):
      cursorX += max(1, numbers.first ?? 1)
    case UInt8(ascii: "J"):
      if numbers.first == 2 { buffer = ScreenBuffer(size: buffer.size) }
    case UInt8(ascii: "m"):
      style = VirtualScreen.applySGR(numbers, to: style)
    default:
      break
    }
  }

  /// `style` after an SGR sequence with `codes`.
  static func applySGR(_ codes: [Int], to style: Style) -> Style {
    var s = style
    var i = 0
    while i < codes.count {
      let c = codes[i]
      switch c {
      case 0: s = .plain
      case 30...37: s.foreground = .ansi(UInt8(c - 30))
      case 90...97: s.foreground = .ansi(UInt8(c - 90 + 8))
      case 40...47: s.background = .ansi(UInt8(c - 40))
      case 100...107: s.background = .ansi(UInt8(c - 100 + 8))
      case 39: s.foreground = .default
      case 49: s.background = .default
      case 38, 48:
        let (color, used) = extendedColor(codes, at: i + 1)
        if c == 38 { s.foreground = color } else { s.background = color }
        i += used
      default:
        if let attribute = TextAttributes.named.first(where: { Int($0.sgr) == c }) {
          s.attributes.insert(attribute.value)
        }
      }
      i += 1
    }
    return s
  }

  private static func extendedColor(_ codes: [Int], at i: Int) -> (Color, Int) {
    guard i < codes.count else { return (.default, 0) }
    if codes[i] == 5, i + 1 < codes.count { return (.indexed(UInt8(codes[i + 1])), 2) }
    if codes[i] == 2, i + 3 < codes.count {
      return (.rgb(UInt8(codes[i + 1]), UInt8(codes[i + 2]), UInt8(codes[i + 3])), 4)
    }
    return (.default, 1)
  }
}
