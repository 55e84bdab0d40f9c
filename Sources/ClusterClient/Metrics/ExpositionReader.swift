#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The state of one pass over an exposition: the current line, the families built so far and
/// the last sample's strings, reused when the next sample repeats them (most do).
struct ExpositionReader {
  /// Where a sample belongs inside its family, which decides the label it must carry.
  enum Role { case plain, bucket, sum, count, quantile }

  /// The whole exposition.
  let bytes: UnsafeBufferPointer<UInt8>
  /// The families read so far, in order of first appearance.
  var families: [MetricFamily] = []
  /// Per family: whether a `# TYPE` line declared it.
  var typeDeclared: [Bool] = []
  /// Where each family name sits in `families`.
  var familyIndex: [String: Int] = [:]
  /// The 1-based number of the current line.
  var lineNumber = 0
  /// The current line's first byte.
  var lineStart = 0
  /// Just past the current line's last byte, before any `\r\n`.
  var lineEnd = 0
  /// The previous sample's name bytes, string and family, reused when the next name repeats it.
  var previousName: (range: Range<Int>, name: String, family: Int, role: Role)?
  /// The previous sample's labels, whose strings are reused when the next sample repeats them.
  var previousLabels: [MetricLabel] = []
  /// Unescaped label value bytes, reused across samples.
  var scratch: [UInt8] = []

  /// A reader at the start of `bytes`.
  init(_ bytes: UnsafeBufferPointer<UInt8>) {
    self.bytes = bytes
  }

  /// Reads every line into `families`, stopping at the first error.
  mutating func readAll() throws(ExpositionError) {
    var start = 0
    while start < bytes.count {
      lineNumber += 1
      var end = bytes.count
      if let base = bytes.baseAddress, let newline = memchr(base + start, 0x0A, bytes.count - start) {
        end = base.distance(to: newline.assumingMemoryBound(to: UInt8.self))
      }
      lineStart = start
      lineEnd = end > start && bytes[end - 1] == UInt8(ascii: "\r") ? end - 1 : end
      try readLine()
      start = end + 1
    }
  }

  private mutating func readLine() throws(ExpositionError) {
    var position = lineStart
    skipBlanks(&position)
    guard position < lineEnd else { return }
    if bytes[position] == UInt8(ascii: "#") {
      try readComment(after: position + 1)
    } else {
      try readSample(at: position)
    }
  }

  // MARK: - Comments

  private mutating func readComment(after start: Int) throws(ExpositionError) {
    var position = start
    skipBlanks(&position)
    let keywordStart = position
    while position < lineEnd, !isBlank(bytes[position]) { position += 1 }
    let keyword = keywordStart..<position
    let isHelp = equals(keyword, "HELP")
    guard isHelp || equals(keyword, "TYPE") else { return }
    skipBlanks(&position)
    let nameRange = scanMetricName(&position)
    guard !nameRange.isEmpty else {
      throw error(at: position, "expected a metric name after \(isHelp ? "HELP" : "TYPE")")
    }
    guard position == lineEnd || isBlank(bytes[position]) else {
      throw error(at: position, "invalid character \(quoted(bytes[position])) in metric name")
    }
    let name = string(nameRange)
    skipBlanks(&position)
    if isHelp {
      try declareHelp(name, text: try unescapeHelp(position..<lineEnd))
    } else {
      try declareType(name, at: position)
    }
  }

  private mutating func declareHelp(_ name: String, text: String) throws(ExpositionError) {
    let index = family(named: name)
    guard families[index].help == nil else { throw error(at: lineStart, "second HELP line for \(name)") }
    families[index].help = text
  }

  private mutating func declareType(_ name: String, at start: Int) throws(ExpositionError) {
    var position = start
    while position < lineEnd, !isBlank(bytes[position]) { position += 1 }
    let word = start..<position
    guard let type = MetricType.allCases.first(where: { equals(word, $0.rawValue) }) else {
      let shown = word.isEmpty ? "nothing" : "\"\(lossy(word))\""
      throw error(at: start, "unknown metric type \(shown); expected counter, gauge, histogram, summary or untyped")
    }
    skipBlanks(&position)
    guard position == lineEnd else { throw error(at: position, "unexpected text after the type of \(name)") }
    let index = family(named: name)
    guard !typeDeclared[index] else { throw error(at: lineStart, "second TYPE line for \(name)") }
    guard families[index].samples.isEmpty else {
      throw error(at: lineStart, "TYPE line for \(name) after its samples")
    }
    families[index].type = type
    typeDeclared[index] = true
  }

  /// HELP text knows two escapes, `\\` and `\n`; any other backslash sequence is an error.
  private mutating func unescapeHelp(_ range: Range<Int>) throws(ExpositionError) -> String {
    scratch.removeAll(keepingCapacity: true)
    var position = range.lowerBound
    while position < range.upperBound {
      let byte = bytes[position]
      if byte == UInt8(ascii: "\\") {
        position += 1
        guard position < range.upperBound else { throw error(at: position - 1, "unfinished escape at end of HELP") }
        switch bytes[position] {
        case UInt8(ascii: "\\"): scratch.append(UInt8(ascii: "\\"))
        case UInt8(ascii: "n"): scratch.append(UInt8(ascii: "\n"))
        default: throw error(at: position - 1, "invalid escape \\\(quotedBare(bytes[position])) in HELP text")
        }
      } else {
        scratch.append(byte)
      }
      position += 1
    }
    guard let text = String(validating: scratch, as: UTF8.self) else {
      throw error(at: range.lowerBound, "HELP text is not valid UTF-8")
    }
    return text
  }

  // MARK: - Families

  /// The family `name` belongs to: its own, else the histogram or summary it is a series of,
  /// else a new untyped one. Prometheus' `expfmt` groups the same way.
  mutating func target(of name: String) -> (family: Int, role: Role) {
    if let index = familyIndex[name] {
      let type = families[index].type
      return (index, type == .summary ? .quantile : .plain)
    }
    for (suffix, role) in [("_bucket", Role.bucket), ("_sum", .sum), ("_count", .count)] where name.hasSuffix(suffix) {
      guard let index = familyIndex[String(name.dropLast(suffix.utf8.count))] else { continue }
      let type = families[index].type
      if type == .histogram || (type == .summary && role != .bucket) { return (index, role) }
    }
    return (family(named: name), .plain)
  }

  private mutating func family(named name: String) -> Int {
    if let index = familyIndex[name] { return index }
    families.append(MetricFamily(name: name))
    typeDeclared.append(false)
    familyIndex[name] = families.count - 1
    return families.count - 1
  }

  // MARK: - Bytes

  /// Space and tab separate tokens; nothing else does.
  func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }

  /// Advances past spaces and tabs, not past the line's end.
  func skipBlanks(_ position: inout Int) {
    while position < lineEnd, isBlank(bytes[position]) { position += 1 }
  }

  /// Advances over `[a-zA-Z_:][a-zA-Z0-9_:]*` and returns what it passed.
  func scanMetricName(_ position: inout Int) -> Range<Int> {
    let start = position
    while position < lineEnd {
      let byte = bytes[position]
      let letter = (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
      let digit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
      guard letter || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":") || (digit && position > start) else {
        break
      }
      position += 1
    }
    return start..<position
  }

  /// Whether the bytes at `range` spell `word`.
  func equals(_ range: Range<Int>, _ word: String) -> Bool {
    var word = word
    return word.withUTF8 { equal($0, range) }
  }

  /// Whether the bytes at `range` are exactly `text`.
  func equal(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
    guard text.count == range.count else { return false }
    guard let textBase = text.baseAddress, let base = bytes.baseAddress else { return true }
    return memcmp(textBase, base + range.lowerBound, range.count) == 0
  }

  /// The ASCII bytes at `range` (names are ASCII by the grammar) as a string.
  func string(_ range: Range<Int>) -> String {
    String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
  }

  /// Text for an error message: at most 40 bytes, invalid UTF-8 replaced.
  func lossy(_ range: Range<Int>) -> String {
    String(decoding: UnsafeBufferPointer(rebasing: bytes[range.prefix(40)]), as: UTF8.self)
  }

  /// A byte for an error message, quoted: `'x'` or `'\xFF'`.
  func quoted(_ byte: UInt8) -> String { "'\(quotedBare(byte))'" }

  /// A printable byte as itself, any other as `\xHH`.
  func quotedBare(_ byte: UInt8) -> String {
    guard byte < 0x20 || byte >= 0x7F else { return String(UnicodeScalar(byte)) }
    return (byte < 0x10 ? "\\x0" : "\\x") + String(byte, radix: 16, uppercase: true)
  }

  /// An error at `position` of the current line.
  func error(at position: Int, _ reason: String) -> ExpositionError {
    ExpositionError(line: lineNumber, column: position - lineStart + 1, reason: reason)
  }
}
