/// Reads the top level of a JSON object as ordered key/value text pairs, for log lines.
/// String values are unescaped; numbers, booleans and null keep their text; nested objects and
/// arrays keep their raw JSON. Returns nil for anything that is not a well-formed object.
enum FlatJSON {
  static func parse(_ text: String) -> [(key: String, value: String)]? {
    var reader = Reader(bytes: Array(text.utf8))
    return reader.object()
  }

  private struct Reader {
    let bytes: [UInt8]
    var i = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func object() -> [(key: String, value: String)]? {
      skipSpace()
      guard consume(UInt8(ascii: "{")) else { return nil }
      var pairs: [(key: String, value: String)] = []
      skipSpace()
      if consume(UInt8(ascii: "}")) { return pairs }
      while true {
        skipSpace()
        guard let key = string() else { return nil }
        skipSpace()
        guard consume(UInt8(ascii: ":")) else { return nil }
        skipSpace()
        guard let value = value() else { return nil }
        pairs.append((key, value))
        skipSpace()
        if consume(UInt8(ascii: ",")) { continue }
        return consume(UInt8(ascii: "}")) ? pairs : nil
      }
    }

    mutating func value() -> String? {
      guard i < bytes.count else { return nil }
      switch bytes[i] {
      case UInt8(ascii: "\""): return string()
      case UInt8(ascii: "{"), UInt8(ascii: "["): return nested()
      default:
        let start = i
        while i < bytes.count, ![UInt8(ascii: ","), UInt8(ascii: "}"), 0x20, 0x0a, 0x09, 0x0d].contains(bytes[i]) {
          i += 1
        }
        return i > start ? String(decoding: bytes[start..<i], as: UTF8.self) : nil
      }
    }

    mutating func nested() -> String? {
      let start = i
      var depth = 0
      var inString = false
      while i < bytes.count {
        let b = bytes[i]
        i += 1
        if inString {
          if b == UInt8(ascii: "\\") { i += 1 } else if b == UInt8(ascii: "\"") { inString = false }
          continue
        }
        if b == UInt8(ascii: "\"") { inString = true }
        if b == UInt8(ascii: "{") || b == UInt8(ascii: "[") { depth += 1 }
        if b == UInt8(ascii: "}") || b == UInt8(ascii: "]") {
          depth -= 1
          if depth == 0 { return String(decoding: bytes[start..<i], as: UTF8.self) }
        }
      }
      return nil
    }

    mutating func string() -> String? {
      guard consume(UInt8(ascii: "\"")) else { return nil }
      var out: [UInt8] = []
      while i < bytes.count {
        let b = bytes[i]
        i += 1
        if b == UInt8(ascii: "\"") { return String(decoding: out, as: UTF8.self) }
        guard b == UInt8(ascii: "\\"), i < bytes.count else {
          out.append(b)
          continue
        }
        out += escaped()
      }
      return nil
    }

    mutating func escaped() -> [UInt8] {
      let e = bytes[i]
      i += 1
      switch e {
      case UInt8(ascii: "n"): return [0x0a]
      case UInt8(ascii: "t"): return [0x09]
      case UInt8(ascii: "r"): return [0x0d]
      case UInt8(ascii: "b"), UInt8(ascii: "f"): return [0x20]
      case UInt8(ascii: "u"):
        guard i + 4 <= bytes.count, let v = UInt32(String(decoding: bytes[i..<(i + 4)], as: UTF8.self), radix: 16)
        else { return [] }
        i += 4
        return Array(String(UnicodeScalar(v).map(Character.init) ?? "\u{FFFD}").utf8)
      default: return [e]
      }
    }

    mutating func skipSpace() {
      while i < bytes.count, [0x20, 0x0a, 0x09, 0x0d].contains(bytes[i]) { i += 1 }
    }

    mutating func consume(_ byte: UInt8) -> Bool {
      guard i < bytes.count, bytes[i] == byte else { return false }
      i += 1
      return true
    }
  }
}
