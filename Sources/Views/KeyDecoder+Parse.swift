extension KeyDecoder {
  /// What one parsed sequence means.
  enum Token {
    case event(InputEvent)
    case pasteStart
    case ignored
  }

  /// Parses one token at the start of `bytes`; nil when more bytes are needed.
  static func parse(_ bytes: ArraySlice<UInt8>) -> (Token, Int)? {
    guard let first = bytes.first else { return nil }
    if first == 0x1b { return parseEscape(bytes) }
    if first < 0x20 || first == 0x7f { return (.event(.key(control(first))), 1) }
    if first < 0x80 { return (.event(.key(.char(Character(UnicodeScalar(first))))), 1) }
    return parseUTF8(bytes)
  }

  private static func control(_ byte: UInt8) -> KeyEvent {
    switch byte {
    case 0x0d, 0x0a: KeyEvent(.enter)
    case 0x09: KeyEvent(.tab)
    case 0x7f, 0x08: KeyEvent(.backspace)
    case 0x00: .ctrl(" ")
    case 0x01...0x1a: .ctrl(Character(UnicodeScalar(byte + 0x60)))
    default: .ctrl(Character(UnicodeScalar(byte + 0x40)))
    }
  }

  private static func parseUTF8(_ bytes: ArraySlice<UInt8>) -> (Token, Int)? {
    let lead = bytes[bytes.startIndex]
    let length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1
    guard bytes.count >= length else { return nil }
    var iterator = bytes.prefix(length).makeIterator()
    var decoder = UTF8()
    if case .scalarValue(let scalar) = decoder.decode(&iterator) {
      return (.event(.key(.char(Character(scalar)))), length)
    }
    return (.ignored, 1)
  }

  private static func parseEscape(_ bytes: ArraySlice<UInt8>) -> (Token, Int)? {
    let s = bytes.startIndex
    guard bytes.count >= 2 else { return nil }
    switch bytes[s + 1] {
    case UInt8(ascii: "["):
      return parseCSI(bytes)
    case UInt8(ascii: "O"):
      guard bytes.count >= 3 else { return nil }
      return (ss3(bytes[s + 2]).map { .event(.key($0)) } ?? .ignored, 3)
    case 0x1b:
      return (.event(.key(KeyEvent(.escape))), 1)
    default:
      guard let (token, used) = parse(bytes.dropFirst()) else { return nil }
      guard case .event(.key(var key)) = token else { return (token, used + 1) }
      key.modifiers.insert(.alt)
      return (.event(.key(key)), used + 1)
    }
  }

  private static func ss3(_ byte: UInt8) -> KeyEvent? {
    switch byte {
    case UInt8(ascii: "A"): KeyEvent(.up)
    case UInt8(ascii: "B"): KeyEvent(.down)
    case UInt8(ascii: "C"): KeyEvent(.right)
    case UInt8(ascii: "D"): KeyEvent(.left)
    case UInt8(ascii: "H"): KeyEvent(.home)
    case UInt8(ascii: "F"): KeyEvent(.end)
    case UInt8(ascii: "P")...UInt8(ascii: "S"): KeyEvent(.function(Int(byte - UInt8(ascii: "P")) + 1))
    default: nil
    }
  }

  private static func parseCSI(_ bytes: ArraySlice<UInt8>) -> (Token, Int)? {
    let s = bytes.startIndex
    var j = s + 2
    while j < bytes.endIndex, !(0x40...0x7e).contains(bytes[j]) { j += 1 }
    guard j < bytes.endIndex else { return bytes.count > 64 ? (.ignored, bytes.count) : nil }
    let params = String(decoding: bytes[(s + 2)..<j], as: UTF8.self)
    return (csiToken(params: params, final: bytes[j]), j - s + 1)
  }

  private static func csiToken(params: String, final: UInt8) -> Token {
    if params.hasPrefix("<") { return mouse(params: params.dropFirst(), final: final) }
    let numbers = params.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 1 }
    let modifiers = KeyModifiers(xtermParameter: numbers.count > 1 ? numbers[1] : 1)
    if final == UInt8(ascii: "~") {
      if numbers.first == 200 { return .pasteStart }
      guard let key = tildeKey(numbers.first ?? 0) else { return .ignored }
      return .event(.key(KeyEvent(key, modifiers)))
    }
    if final == UInt8(ascii: "Z") { return .event(.key(KeyEvent(.backTab))) }
    guard var event = ss3(final) else { return .ignored }
    event.modifiers = modifiers
    return .event(.key(event))
  }

  private static func tildeKey(_ n: Int) -> Key? {
    switch n {
    case 1, 7: .home
    case 4, 8: .end
    case 2: .insert
    case 3: .delete
    case 5: .pageUp
    case 6: .pageDown
    case 11...15: .function(n - 10)
    case 17...21: .function(n - 11)
    case 23, 24: .function(n - 12)
    default: nil
    }
  }

  private static func mouse(params: Substring, final: UInt8) -> Token {
    let n = params.split(separator: ";").compactMap { Int($0) }
    guard n.count == 3 else { return .ignored }
    let (button, x, y) = (n[0], n[1] - 1, n[2] - 1)
    if button & 64 != 0 {
      return .event(.mouse(button & 1 == 0 ? .wheelUp(x: x, y: y) : .wheelDown(x: x, y: y)))
    }
    if final == UInt8(ascii: "m") { return .event(.mouse(.release(x: x, y: y))) }
    return .event(.mouse(.press(button: button & 3, x: x, y: y)))
  }
}
