/// Appends cursor moves, SGR sequences and text to a byte buffer, remembering the cursor and the
/// current style so it emits only what changes.
struct EscapeWriter {
  /// The bytes written so far.
  var bytes: [UInt8] = []
  /// How colours are encoded.
  let mode: ColorMode
  /// Screen width, to know when the cursor position becomes unknown (pending wrap).
  let screenWidth: Int
  private var cursorX = -1
  private var cursorY = -1
  private var style: Style?

  init(mode: ColorMode, screenWidth: Int) {
    self.mode = mode
    self.screenWidth = screenWidth
    bytes.reserveCapacity(4096)
  }

  /// Resets attributes, homes the cursor and clears the screen.
  mutating func clearScreen() {
    append("\u{1b}[0m\u{1b}[H\u{1b}[2J")
    style = .plain
    cursorX = 0
    cursorY = 0
  }

  /// Moves the cursor, choosing the shortest of nothing, a forward move (CUF) or CUP.
  mutating func move(x: Int, y: Int) {
    if x == cursorX && y == cursorY { return }
    if y == cursorY && x > cursorX && cursorX >= 0 && x - cursorX < 100 {
      append("\u{1b}[")
      if x - cursorX > 1 { appendNumber(x - cursorX) }
      bytes.append(UInt8(ascii: "C"))
    } else {
      append("\u{1b}[")
      appendNumber(y + 1)
      bytes.append(UInt8(ascii: ";"))
      appendNumber(x + 1)
      bytes.append(UInt8(ascii: "H"))
    }
    cursorX = x
    cursorY = y
  }

  /// Writes one cell's symbol in its style at the cursor.
  mutating func write(_ cell: Cell) {
    setStyle(cell.style)
    bytes.append(contentsOf: cell.symbol.utf8)
    cursorX += Int(cell.width)
    if cursorX >= screenWidth { cursorX = -1 }
  }

  /// Emits an SGR sequence when `next` differs from the current style (always starting from 0).
  mutating func setStyle(_ next: Style) {
    if let style, style == next { return }
    style = next
    append("\u{1b}[0")
    for (_, value, code) in TextAttributes.named where next.attributes.contains(value) {
      bytes.append(UInt8(ascii: ";"))
      appendNumber(Int(code))
    }
    appendColor(ColorConversion.downgrade(next.foreground, to: mode), base: 30)
    appendColor(ColorConversion.downgrade(next.background, to: mode), base: 40)
    bytes.append(UInt8(ascii: "m"))
  }

  private mutating func appendColor(_ color: Color, base: Int) {
    switch color {
    case .default: return
    case .ansi(let n):
      bytes.append(UInt8(ascii: ";"))
      appendNumber(n < 8 ? base + Int(n) : base + 60 + Int(n) - 8)
    case .indexed(let n):
      bytes.append(UInt8(ascii: ";"))
      appendNumber(base + 8)
      append(";5;")
      appendNumber(Int(n))
    case .rgb(let r, let g, let b):
      bytes.append(UInt8(ascii: ";"))
      appendNumber(base + 8)
      append(";2;")
      appendNumber(Int(r))
      bytes.append(UInt8(ascii: ";"))
      appendNumber(Int(g))
      bytes.append(UInt8(ascii: ";"))
      appendNumber(Int(b))
    }
  }

  /// Appends raw text.
  mutating func append(_ text: String) {
    bytes.append(contentsOf: text.utf8)
  }

  private mutating func appendNumber(_ value: Int) {
    if value >= 10 { appendNumber(value / 10) }
    bytes.append(UInt8(ascii: "0") + UInt8(value % 10))
  }
}
