/// Whether a string decodes as Go's `base64.StdEncoding` decodes a `[]byte` field (padded, line
/// breaks skipped), and if not, Go's error naming the first bad byte's offset.
enum Base64Check {
  /// nil when `text` decodes; otherwise `illegal base64 data at input byte N`.
  static func error(in text: String) -> String? {
    firstBadOffset(Array(text.utf8)).map { "illegal base64 data at input byte \($0)" }
  }

  private static func isAlphabet(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "/"):
      return true
    default: return false
    }
  }

  private static func isNewline(_ byte: UInt8) -> Bool { byte == 0x0A || byte == 0x0D }

  /// Reads four-character quanta as Go's decoder does; the offset it would report, or nil.
  static func firstBadOffset(_ bytes: [UInt8]) -> Int? {
    var index = 0
    while true {
      var filled = 0
      while filled < 4 {
        guard index < bytes.count else {
          // Input ended inside a quantum: padding was required.
          return filled == 0 ? nil : index - filled
        }
        let byte = bytes[index]
        index += 1
        if isAlphabet(byte) {
          filled += 1
          continue
        }
        if isNewline(byte) { continue }
        guard byte == UInt8(ascii: "="), filled >= 2 else { return index - 1 }
        return paddingError(bytes, after: index, filled: filled)
      }
    }
  }

  /// After a quantum's first `=`: a second one must follow a two-character quantum, then only line breaks.
  private static func paddingError(_ bytes: [UInt8], after start: Int, filled: Int) -> Int? {
    var index = start
    if filled == 2 {
      while index < bytes.count, isNewline(bytes[index]) { index += 1 }
      guard index < bytes.count else { return bytes.count }
      guard bytes[index] == UInt8(ascii: "=") else { return index - 1 }
      index += 1
    }
    while index < bytes.count, isNewline(bytes[index]) { index += 1 }
    return index < bytes.count ? index : nil
  }
}
