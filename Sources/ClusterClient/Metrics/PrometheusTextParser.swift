/// Parses the Prometheus text exposition format 0.0.4 byte by byte: HELP and TYPE lines, the five
/// types, label escapes, NaN and infinities, timestamps and names with colons. Bad input gives an
/// `ExpositionError` with its line; nothing in the input can crash it.
public enum PrometheusTextParser {
  public static func parse(_ text: String) throws(ExpositionError) -> Exposition {
    try parse(Array(text.utf8))
  }

  public static func parse(_ bytes: [UInt8]) throws(ExpositionError) -> Exposition {
    var builder = FamilyBuilder()
    var start = 0
    var line = 1
    let count = bytes.count
    while start < count {
      var end = start
      while end < count, bytes[end] != newline { end += 1 }
      var stop = end
      if stop > start, bytes[stop - 1] == carriageReturn { stop -= 1 }
      var cursor = LineCursor(bytes: bytes, position: start, end: stop, line: line)
      try parseLine(&cursor, into: &builder)
      start = end + 1
      line += 1
    }
    return Exposition(families: builder.families)
  }

  static let newline = UInt8(ascii: "\n")
  static let carriageReturn = UInt8(ascii: "\r")

  private static func parseLine(_ cursor: inout LineCursor, into builder: inout FamilyBuilder) throws(ExpositionError) {
    cursor.skipBlanks()
    guard let first = cursor.peek else { return }
    if first == UInt8(ascii: "#") {
      try parseComment(&cursor, into: &builder)
    } else {
      let sample = try parseSample(&cursor)
      try builder.add(sample, line: cursor.line)
    }
  }

  private static func parseComment(_ cursor: inout LineCursor, into builder: inout FamilyBuilder)
    throws(ExpositionError)
  {
    cursor.advance()
    cursor.skipBlanks()
    let keyword = cursor.word()
    guard keyword == "HELP" || keyword == "TYPE", cursor.skipBlanks() > 0 else { return }
    let name = try cursor.metricName()
    if keyword == "TYPE" {
      guard cursor.skipBlanks() > 0 else { throw cursor.error("TYPE line for \(name) has no type") }
      let word = cursor.word()
      guard let type = MetricType(rawValue: word) else {
        throw cursor.error("unknown metric type \"\(word)\" for \(name)")
      }
      cursor.skipBlanks()
      guard cursor.atEnd else { throw cursor.error("unexpected text after the TYPE of \(name)") }
      try builder.declare(name, type: type, line: cursor.line)
    } else {
      cursor.skipBlanks()
      try builder.describe(name, help: try cursor.escapedRest(allowQuote: false), line: cursor.line)
    }
  }

  private static func parseSample(_ cursor: inout LineCursor) throws(ExpositionError) -> MetricSample {
    let name = try cursor.metricName()
    cursor.skipBlanks()
    var labels: [MetricSample.Label] = []
    if cursor.peek == UInt8(ascii: "{") {
      cursor.advance()
      labels = try parseLabels(&cursor, metric: name)
      cursor.skipBlanks()
    }
    guard !cursor.atEnd else { throw cursor.error("\(name) has no value") }
    let valueText = cursor.token()
    guard let value = Double(valueText), !valueText.hasPrefix("0x"), !valueText.hasPrefix("-0x") else {
      throw cursor.error("\"\(valueText)\" is not a valid value for \(name)")
    }
    var timestamp: Int64?
    if cursor.skipBlanks() > 0, !cursor.atEnd {
      let text = cursor.token()
      guard let parsed = Int64(text) else { throw cursor.error("\"\(text)\" is not a valid timestamp for \(name)") }
      timestamp = parsed
      cursor.skipBlanks()
    }
    guard cursor.atEnd else { throw cursor.error("unexpected text after the value of \(name)") }
    return MetricSample(name: name, labels: labels, value: value, timestamp: timestamp)
  }

  private static func parseLabels(_ cursor: inout LineCursor, metric: String) throws(ExpositionError)
    -> [MetricSample.Label]
  {
    var labels: [MetricSample.Label] = []
    while true {
      cursor.skipBlanks()
      if cursor.peek == UInt8(ascii: "}") {
        cursor.advance()
        return labels
      }
      let name = try cursor.labelName(metric: metric)
      cursor.skipBlanks()
      guard cursor.peek == UInt8(ascii: "=") else { throw cursor.error("expected = after label \(name) of \(metric)") }
      cursor.advance()
      cursor.skipBlanks()
      guard cursor.peek == UInt8(ascii: "\"") else {
        throw cursor.error("the value of label \(name) of \(metric) must be quoted")
      }
      cursor.advance()
      let value = try cursor.escapedRest(allowQuote: true)
      guard !labels.contains(where: { $0.name == name }) else {
        throw cursor.error("label \(name) appears twice in \(metric)")
      }
      labels.append(MetricSample.Label(name, value))
      cursor.skipBlanks()
      switch cursor.peek {
      case UInt8(ascii: ","): cursor.advance()
      case UInt8(ascii: "}"): continue
      case nil: throw cursor.error("unterminated label set of \(metric)")
      default: throw cursor.error("expected , or } after label \(name) of \(metric)")
      }
    }
  }
}

/// A position in one line of the input.
struct LineCursor {
  let bytes: [UInt8]
  var position: Int
  let end: Int
  let line: Int

  var atEnd: Bool { position >= end }
  var peek: UInt8? { position < end ? bytes[position] : nil }

  mutating func advance() { position += 1 }

  func error(_ reason: String) -> ExpositionError { ExpositionError(line: line, reason: reason) }

  @discardableResult
  mutating func skipBlanks() -> Int {
    let begin = position
    while position < end, bytes[position] == 0x20 || bytes[position] == 0x09 { position += 1 }
    return position - begin
  }

  /// The bytes up to the next blank, as text.
  mutating func token() -> String {
    let begin = position
    while position < end, bytes[position] != 0x20, bytes[position] != 0x09 { position += 1 }
    return String(decoding: bytes[begin..<position], as: UTF8.self)
  }

  mutating func word() -> String { token() }

  private static func isNameStart(_ byte: UInt8) -> Bool {
    (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || byte == 0x5F
  }

  private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

  /// `[a-zA-Z_:][a-zA-Z0-9_:]*`
  mutating func metricName() throws(ExpositionError) -> String {
    let begin = position
    guard let first = peek, Self.isNameStart(first) || first == 0x3A else {
      throw error(atEnd ? "expected a metric name" : "invalid metric name starting at \"\(rest)\"")
    }
    while let byte = peek, Self.isNameStart(byte) || Self.isDigit(byte) || byte == 0x3A { position += 1 }
    return String(decoding: bytes[begin..<position], as: UTF8.self)
  }

  /// `[a-zA-Z_][a-zA-Z0-9_]*`
  mutating func labelName(metric: String) throws(ExpositionError) -> String {
    let begin = position
    guard let first = peek, Self.isNameStart(first) else {
      throw error(atEnd ? "unterminated label set of \(metric)" : "invalid label name in \(metric) at \"\(rest)\"")
    }
    while let byte = peek, Self.isNameStart(byte) || Self.isDigit(byte) { position += 1 }
    return String(decoding: bytes[begin..<position], as: UTF8.self)
  }

  /// Reads an escaped text: a quoted label value up to its closing quote (`allowQuote`), or a HELP
  /// text to the end of the line. Escapes are `\\`, `\n` and, in label values, `\"`.
  mutating func escapedRest(allowQuote: Bool) throws(ExpositionError) -> String {
    var result: [UInt8] = []
    var plain = position
    while position < end {
      let byte = bytes[position]
      if allowQuote, byte == 0x22 {
        result.append(contentsOf: bytes[plain..<position])
        position += 1
        return try text(result)
      }
      guard byte == 0x5C else {
        position += 1
        continue
      }
      result.append(contentsOf: bytes[plain..<position])
      guard position + 1 < end else { throw error("a backslash ends the line") }
      switch bytes[position + 1] {
      case 0x5C: result.append(0x5C)
      case 0x6E: result.append(0x0A)
      case 0x22 where allowQuote: result.append(0x22)
      default:
        throw error("invalid escape \\\(String(decoding: [bytes[position + 1]], as: UTF8.self))")
      }
      position += 2
      plain = position
    }
    guard !allowQuote else { throw error("unterminated label value") }
    result.append(contentsOf: bytes[plain..<position])
    return try text(result)
  }

  private func text(_ bytes: [UInt8]) throws(ExpositionError) -> String {
    if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
    guard let text = String(validating: bytes, as: UTF8.self) else { throw error("text is not valid UTF-8") }
    return text
  }

  private var rest: String { String(decoding: bytes[position..<min(end, position + 40)], as: UTF8.self) }
}
