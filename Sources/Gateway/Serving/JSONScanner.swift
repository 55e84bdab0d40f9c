import KubeCore

/// A validating pass over JSON text that builds nothing: it checks the same grammar as KubeCore's
/// `JSONParser` (RFC 8259 numbers without leading zeros, escapes, UTF-8 strings without control
/// characters, nesting up to `JSONParser.defaultMaxDepth`) and tells where each value lies, so that
/// a request's routing fields are read without a `JSONValue` tree of the whole body.
///
/// It only says whether the text is valid, not why: a caller that needs the reason parses the text
/// with `JSONParser` again, which gives the reason that was always given.
struct JSONScanner {
  /// The text is not valid JSON (or nests too deep).
  struct Invalid: Error {}

  /// What a value is; enough to read scalars where they lie.
  enum Kind: Equatable {
    case object
    case array
    /// A string; `escaped` when it holds a backslash escape, so its bytes are not its text.
    case string(escaped: Bool)
    /// A number; `integer` when it has neither fraction nor exponent.
    case number(integer: Bool)
    case bool(Bool)
    case null
  }

  let bytes: UnsafeBufferPointer<UInt8>
  var index: Int
  let maxDepth = JSONParser.defaultMaxDepth

  init(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int = 0) {
    self.bytes = bytes
    self.index = index
  }

  var atEnd: Bool { index >= bytes.count }

  var current: UInt8? { index < bytes.count ? bytes[index] : nil }

  mutating func skipWhitespace() {
    while index < bytes.count {
      switch bytes[index] {
      case 0x20, 0x09, 0x0A, 0x0D: index += 1
      default: return
      }
    }
  }

  /// Steps over `byte`, or fails.
  mutating func expect(_ byte: UInt8) throws(Invalid) {
    guard index < bytes.count, bytes[index] == byte else { throw Invalid() }
    index += 1
  }

  /// Steps over one value, checking all of it; `depth` counts the objects and arrays around it.
  mutating func skipValue(depth: Int) throws(Invalid) -> Kind {
    guard index < bytes.count else { throw Invalid() }
    switch bytes[index] {
    case UInt8(ascii: "{"):
      try skipObject(depth: depth + 1)
      return .object
    case UInt8(ascii: "["):
      try skipArray(depth: depth + 1)
      return .array
    case UInt8(ascii: "\""): return .string(escaped: try skipString())
    case UInt8(ascii: "t"):
      try skipLiteral("true")
      return .bool(true)
    case UInt8(ascii: "f"):
      try skipLiteral("false")
      return .bool(false)
    case UInt8(ascii: "n"):
      try skipLiteral("null")
      return .null
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(integer: try skipNumber())
    default: throw Invalid()
    }
  }

  private mutating func skipLiteral(_ word: StaticString) throws(Invalid) {
    let count = word.utf8CodeUnitCount
    guard bytes.count - index >= count else { throw Invalid() }
    for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { throw Invalid() }
    index += count
  }

  /// Steps over an object's members, calling `member` with each key's place and escape flag
  /// while the scanner stands on the member's value; `member` must step over the value.
  mutating func members(
    depth: Int, _ member: (inout JSONScanner, Range<Int>, Bool) throws(Invalid) -> Void
  ) throws(Invalid) {
    guard depth <= maxDepth else { throw Invalid() }
    try expect(UInt8(ascii: "{"))
    skipWhitespace()
    if current == UInt8(ascii: "}") {
      index += 1
      return
    }
    while true {
      skipWhitespace()
      guard current == UInt8(ascii: "\"") else { throw Invalid() }
      let keyStart = index + 1
      let escaped = try skipString()
      let key = keyStart..<(index - 1)
      skipWhitespace()
      try expect(UInt8(ascii: ":"))
      skipWhitespace()
      try member(&self, key, escaped)
      skipWhitespace()
      guard let next = current else { throw Invalid() }
      index += 1
      if next == UInt8(ascii: ",") { continue }
      guard next == UInt8(ascii: "}") else { throw Invalid() }
      return
    }
  }

  /// Steps over an array's elements, calling `element` with each one's position while the
  /// scanner stands on it; `element` must step over it.
  mutating func elements(depth: Int, _ element: (inout JSONScanner, Int) throws(Invalid) -> Void) throws(Invalid) {
    guard depth <= maxDepth else { throw Invalid() }
    try expect(UInt8(ascii: "["))
    skipWhitespace()
    if current == UInt8(ascii: "]") {
      index += 1
      return
    }
    var position = 0
    while true {
      skipWhitespace()
      try element(&self, position)
      position += 1
      skipWhitespace()
      guard let next = current else { throw Invalid() }
      index += 1
      if next == UInt8(ascii: ",") { continue }
      guard next == UInt8(ascii: "]") else { throw Invalid() }
      return
    }
  }

  private mutating func skipObject(depth: Int) throws(Invalid) {
    try members(depth: depth) { (scanner, _, _) throws(Invalid) in _ = try scanner.skipValue(depth: depth) }
  }

  private mutating func skipArray(depth: Int) throws(Invalid) {
    try elements(depth: depth) { (scanner, _) throws(Invalid) in _ = try scanner.skipValue(depth: depth) }
  }

  /// Steps over a number with `JSONParser`'s grammar; says whether it is an integer.
  private mutating func skipNumber() throws(Invalid) -> Bool {
    if bytes[index] == UInt8(ascii: "-") { index += 1 }
    let digits = skipDigits()
    guard digits > 0 else { throw Invalid() }
    if digits > 1, bytes[index - digits] == UInt8(ascii: "0") { throw Invalid() }
    var integer = true
    if current == UInt8(ascii: ".") {
      integer = false
      index += 1
      guard skipDigits() > 0 else { throw Invalid() }
    }
    if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
      integer = false
      index += 1
      if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
      guard skipDigits() > 0 else { throw Invalid() }
    }
    return integer
  }

  private mutating func skipDigits() -> Int {
    let start = index
    while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
    return index - start
  }

  /// Steps over a string, quotes included: no control characters, only JSON's escapes, well-formed
  /// UTF-8 (escapes are ASCII, so checking the raw bytes checks what they decode to). Says whether
  /// it holds an escape.
  private mutating func skipString() throws(Invalid) -> Bool {
    index += 1
    var escaped = false
    var ascii = true
    let start = index
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") {
        if !ascii { try UTF8Check.validate(bytes, start..<index) }
        index += 1
        return escaped
      }
      if byte == UInt8(ascii: "\\") {
        escaped = true
        try skipEscape()
        continue
      }
      if byte < 0x20 { throw Invalid() }
      if byte >= 0x80 { ascii = false }
      index += 1
    }
    throw Invalid()
  }

  private mutating func skipEscape() throws(Invalid) {
    index += 1
    guard let code = current else { throw Invalid() }
    index += 1
    switch code {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
      UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
      return
    case UInt8(ascii: "u"):
      guard bytes.count - index >= 4 else { throw Invalid() }
      for _ in 0..<4 {
        guard bytes[index].isHexDigit else { throw Invalid() }
        index += 1
      }
    default: throw Invalid()
    }
  }
}

extension UInt8 {
  fileprivate var isHexDigit: Bool {
    (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(self)
      || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(self)
  }
}

/// Well-formed UTF-8 as Unicode defines it (table 3-7): what `String(validating:as:)` accepts,
/// checked in place.
enum UTF8Check {
  static func validate(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) throws(JSONScanner.Invalid) {
    var index = range.lowerBound
    let end = range.upperBound
    while index < end {
      let lead = bytes[index]
      if lead < 0x80 {
        index += 1
        continue
      }
      let (length, second): (Int, ClosedRange<UInt8>)
      switch lead {
      case 0xC2...0xDF: (length, second) = (2, 0x80...0xBF)
      case 0xE0: (length, second) = (3, 0xA0...0xBF)
      case 0xE1...0xEC, 0xEE...0xEF: (length, second) = (3, 0x80...0xBF)
      case 0xED: (length, second) = (3, 0x80...0x9F)
      case 0xF0: (length, second) = (4, 0x90...0xBF)
      case 0xF1...0xF3: (length, second) = (4, 0x80...0xBF)
      case 0xF4: (length, second) = (4, 0x80...0x8F)
      default: throw JSONScanner.Invalid()
      }
      guard end - index >= length, second.contains(bytes[index + 1]) else { throw JSONScanner.Invalid() }
      for offset in 2..<max(2, length) where !(0x80...0xBF).contains(bytes[index + offset]) {
        throw JSONScanner.Invalid()
      }
      index += length
    }
  }
}
