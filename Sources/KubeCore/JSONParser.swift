import OrderedCollections

/// A JSON syntax error with the place it was found, so the message can say where.
public struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What was wrong.
  public var reason: String
  /// 1-based line of the offending byte.
  public var line: Int
  /// 1-based column of the offending byte.
  public var column: Int
  /// 0-based byte offset of the offending byte.
  public var offset: Int

  public var description: String { "invalid JSON at line \(line), column \(column): \(reason)" }
}

/// Parses JSON text into a `JSONValue`, byte by byte, refusing documents nested deeper than
/// `maxDepth` so that hostile input cannot overflow the stack.
public struct JSONParser {
  /// The default nesting limit; real objects stay far below it.
  public static let defaultMaxDepth = 512

  private let bytes: [UInt8]
  private var index = 0
  private let maxDepth: Int
  /// The members of the objects and the elements of the arrays being parsed, innermost last:
  /// a container is built from its part once complete, so its storage is allocated once at its
  /// final size instead of growing member by member (a map of 7 would otherwise hold 8 slots and
  /// have allocated 4 arrays on the way).
  private var pendingKeys: [String] = []
  private var pendingValues: [JSONValue] = []
  /// String values this document repeats (timestamps, API versions, images across a list's
  /// items), held once.
  private var sharedValues = JSONStringTable(capacity: 4_096)
  /// The shapes this document's objects had, by the hash of their keys: a list's items share
  /// theirs without asking the process-wide table each time.
  private var shapes: [Int: OrderedDictionary<String, JSONValue>] = [:]

  /// Parses `bytes` as one JSON document, with optional surrounding whitespace.
  public static func parse(_ bytes: some Collection<UInt8>, maxDepth: Int = defaultMaxDepth) throws(JSONSyntaxError)
    -> JSONValue
  {
    var parser = JSONParser(bytes: Array(bytes), maxDepth: maxDepth)
    parser.skipWhitespace()
    let value = try parser.parseValue(depth: 0)
    parser.skipWhitespace()
    guard parser.index == parser.bytes.count else { throw parser.error("unexpected data after the document") }
    return value
  }

  /// Parses a UTF-8 string as one JSON document.
  public static func parse(_ text: String, maxDepth: Int = defaultMaxDepth) throws(JSONSyntaxError) -> JSONValue {
    try parse(Array(text.utf8), maxDepth: maxDepth)
  }

  private init(bytes: [UInt8], maxDepth: Int) {
    self.bytes = bytes
    self.maxDepth = maxDepth
  }

  private func error(_ reason: String) -> JSONSyntaxError {
    var line = 1
    var column = 1
    for byte in bytes[..<min(index, bytes.count)] {
      if byte == UInt8(ascii: "\n") {
        line += 1
        column = 1
      } else {
        column += 1
      }
    }
    return JSONSyntaxError(reason: reason, line: line, column: column, offset: index)
  }

  private mutating func skipWhitespace() {
    while index < bytes.count {
      switch bytes[index] {
      case 0x20, 0x09, 0x0A, 0x0D: index += 1
      default: return
      }
    }
  }

  private mutating func parseValue(depth: Int) throws(JSONSyntaxError) -> JSONValue {
    guard index < bytes.count else { throw error("unexpected end of input") }
    switch bytes[index] {
    case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
    case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
    case UInt8(ascii: "\""): return .string(try parseString(isKey: false))
    case UInt8(ascii: "t"): return try parseLiteral("true", .bool(true))
    case UInt8(ascii: "f"): return try parseLiteral("false", .bool(false))
    case UInt8(ascii: "n"): return try parseLiteral("null", .null)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
    default: throw error("unexpected character '\(printable(bytes[index]))'")
    }
  }

  private func printable(_ byte: UInt8) -> String {
    (0x20..<0x7F).contains(byte) ? String(UnicodeScalar(byte)) : "\\x" + String(byte, radix: 16)
  }

  private mutating func parseLiteral(_ word: String, _ value: JSONValue) throws(JSONSyntaxError) -> JSONValue {
    let start = index
    for expected in word.utf8 {
      guard index < bytes.count, bytes[index] == expected else {
        index = start
        throw error("invalid literal, expected '\(word)'")
      }
      index += 1
    }
    return value
  }

  private mutating func parseObject(depth: Int) throws(JSONSyntaxError) -> JSONValue {
    guard depth <= maxDepth else { throw error("nesting deeper than \(maxDepth) levels") }
    index += 1
    skipWhitespace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
      index += 1
      return .emptyObject
    }
    // The values' stack also holds the elements of the arrays around this object.
    let base = (keys: pendingKeys.count, values: pendingValues.count)
    while true {
      skipWhitespace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw error("expected a quoted key") }
      pendingKeys.append(try parseString(isKey: true))
      skipWhitespace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error("expected ':' after key") }
      index += 1
      skipWhitespace()
      pendingValues.append(try parseValue(depth: depth))
      skipWhitespace()
      guard index < bytes.count else { throw error("unexpected end of input in object") }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
        continue
      }
      guard bytes[index] == UInt8(ascii: "}") else { throw error("expected ',' or '}' in object") }
      index += 1
      return .object(takeMembers(from: base))
    }
  }

  /// The members pending from `base` on, as one object; a key given twice keeps its first place
  /// and its last value, as Go's encoding/json decodes it into a map.
  private mutating func takeMembers(from base: (keys: Int, values: Int)) -> OrderedDictionary<String, JSONValue> {
    // The slices are gone before the stacks shrink, so that shrinking does not copy them.
    let members = makeMembers(pendingKeys[base.keys...], pendingValues[base.values...])
    pendingKeys.removeSubrange(base.keys...)
    pendingValues.removeSubrange(base.values...)
    return members
  }

  private mutating func makeMembers(_ keys: ArraySlice<String>, _ values: ArraySlice<JSONValue>)
    -> OrderedDictionary<String, JSONValue>
  {
    if keys.count <= JSONShapeTable.maxKeys, var shared = shape(of: keys) {
      for (offset, value) in values.enumerated() { shared.values[offset] = value }
      return shared
    }
    if Self.hasDuplicate(keys) {
      var merged = OrderedDictionary<String, JSONValue>()
      for (key, value) in zip(keys, values) { merged[key] = value }
      return merged
    }
    return OrderedDictionary(uncheckedUniqueKeys: keys, values: values)
  }

  /// The template of an object with `keys` (nulls for values, its keys' storage shared by every
  /// object of that shape), or nil when a key repeats or the process's table is full.
  private mutating func shape(of keys: ArraySlice<String>) -> OrderedDictionary<String, JSONValue>? {
    let hash = JSONShapeTable.hash(keys)
    if let known = shapes[hash], known.keys.elementsEqual(keys) { return known }
    guard !Self.hasDuplicate(keys), let template = JSONShapeTable.template(keys, hash: hash) else { return nil }
    shapes[hash] = template
    return template
  }

  /// Whether a key repeats: by pairs for the few keys most objects have, by a set beyond.
  private static func hasDuplicate(_ keys: ArraySlice<String>) -> Bool {
    if keys.count > 8 { return Set(keys).count != keys.count }
    var rest = keys.dropFirst()
    for key in keys {
      if rest.contains(key) { return true }
      rest = rest.dropFirst()
    }
    return false
  }

  private mutating func parseArray(depth: Int) throws(JSONSyntaxError) -> JSONValue {
    guard depth <= maxDepth else { throw error("nesting deeper than \(maxDepth) levels") }
    index += 1
    skipWhitespace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
      index += 1
      return .array([])
    }
    let base = pendingValues.count
    while true {
      skipWhitespace()
      pendingValues.append(try parseValue(depth: depth))
      skipWhitespace()
      guard index < bytes.count else { throw error("unexpected end of input in array") }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
        continue
      }
      guard bytes[index] == UInt8(ascii: "]") else { throw error("expected ',' or ']' in array") }
      index += 1
      let elements = Array(pendingValues[base...])
      pendingValues.removeSubrange(base...)
      return .array(elements)
    }
  }

  private mutating func parseNumber() throws(JSONSyntaxError) -> JSONValue {
    let start = index
    var isInteger = true
    if bytes[index] == UInt8(ascii: "-") { index += 1 }
    let digitsStart = index
    while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
    guard index > digitsStart else { throw error("invalid number") }
    // As in RFC 8259 (and Go's encoding/json, which the API server uses): no leading zeros.
    if bytes[digitsStart] == UInt8(ascii: "0"), index - digitsStart > 1 {
      index = digitsStart
      throw error("invalid number: leading zero")
    }
    if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
      isInteger = false
      index += 1
      let fractionStart = index
      while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
      guard index > fractionStart else { throw error("invalid number: digits expected after '.'") }
    }
    if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
      isInteger = false
      index += 1
      if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
      let exponentStart = index
      while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
      guard index > exponentStart else { throw error("invalid number: digits expected in exponent") }
    }
    let text = String(decoding: bytes[start..<index], as: UTF8.self)
    if isInteger, let integer = Int64(text) { return .int(integer) }
    guard let number = Double(text) else { throw error("invalid number '\(text)'") }
    return .double(number)
  }

  private mutating func parseString(isKey: Bool) throws(JSONSyntaxError) -> String {
    index += 1
    let start = index
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") {
        let text = makeString(start..<index, isKey: isKey)
        index += 1
        guard let text else { throw error("string is not valid UTF-8") }
        return text
      }
      if byte == UInt8(ascii: "\\") {
        index = start
        return try parseEscapedString()
      }
      if byte < 0x20 { throw error("control character in string") }
      index += 1
    }
    throw error("unterminated string")
  }

  /// The text of `range`, shared with the process's other keys or this document's other values
  /// when long enough to be worth it; nil when it is not UTF-8.
  private mutating func makeString(_ range: Range<Int>, isKey: Bool) -> String? {
    guard JSONStringTable.shares(length: range.count) else { return String(validating: bytes[range], as: UTF8.self) }
    let bytes = self.bytes
    return bytes.withUnsafeBufferPointer { all in
      let text = UnsafeBufferPointer(rebasing: all[range])
      if isKey { return JSONKeyTable.key(text) }
      let hash = JSONStringTable.hash(text)
      if let held = sharedValues.find(text, hash: hash) { return held }
      guard let made = String(validating: text, as: UTF8.self) else { return nil }
      sharedValues.add(made, hash: hash)
      return made
    }
  }

  private mutating func parseEscapedString() throws(JSONSyntaxError) -> String {
    var scalars: [UInt8] = []
    while index < bytes.count {
      let byte = bytes[index]
      index += 1
      switch byte {
      case UInt8(ascii: "\""):
        guard let text = String(validating: scalars, as: UTF8.self) else { throw error("string is not valid UTF-8") }
        return text
      case UInt8(ascii: "\\"):
        try appendEscape(to: &scalars)
      case 0..<0x20:
        index -= 1
        throw error("control character in string")
      default:
        scalars.append(byte)
      }
    }
    throw error("unterminated string")
  }

  private mutating func appendEscape(to buffer: inout [UInt8]) throws(JSONSyntaxError) {
    guard index < bytes.count else { throw error("unterminated escape") }
    let code = bytes[index]
    index += 1
    switch code {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): buffer.append(code)
    case UInt8(ascii: "b"): buffer.append(0x08)
    case UInt8(ascii: "f"): buffer.append(0x0C)
    case UInt8(ascii: "n"): buffer.append(0x0A)
    case UInt8(ascii: "r"): buffer.append(0x0D)
    case UInt8(ascii: "t"): buffer.append(0x09)
    case UInt8(ascii: "u"): buffer.append(contentsOf: Array(try parseUnicodeEscape().utf8))
    default:
      index -= 1
      throw error("invalid escape '\\\(printable(code))'")
    }
  }

  private mutating func parseUnicodeEscape() throws(JSONSyntaxError) -> String {
    let high = try parseHex4()
    if (0xD800..<0xDC00).contains(high) {
      guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
      else { return "\u{FFFD}" }
      index += 2
      let low = try parseHex4()
      // A high surrogate not followed by a low one stands alone: both become what they are
      // alone, as Go's encoding/json decodes them (the replacement character for the high).
      guard (0xDC00..<0xE000).contains(low) else {
        return "\u{FFFD}" + (UnicodeScalar(low).map { String($0) } ?? "\u{FFFD}")
      }
      let combined = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
      return UnicodeScalar(combined).map { String($0) } ?? "\u{FFFD}"
    }
    return UnicodeScalar(high).map { String($0) } ?? "\u{FFFD}"
  }

  private mutating func parseHex4() throws(JSONSyntaxError) -> UInt32 {
    guard index + 4 <= bytes.count else { throw error("truncated \\u escape") }
    var value: UInt32 = 0
    for _ in 0..<4 {
      guard let digit = hexDigit(bytes[index]) else { throw error("invalid hex digit in \\u escape") }
      value = value << 4 | digit
      index += 1
    }
    return value
  }

  private func hexDigit(_ byte: UInt8) -> UInt32? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
    default: return nil
    }
  }
}
