#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension ExpositionReader {
  /// `name{label="value",...} value [timestamp]`, with blanks allowed around the label set.
  mutating func readSample(at start: Int) throws(ExpositionError) {
    var position = start
    let nameRange = scanMetricName(&position)
    guard !nameRange.isEmpty else {
      throw error(at: position, "expected a metric name, found \(quoted(bytes[position]))")
    }
    let (name, familyIndex, role) = resolve(nameRange)
    skipBlanks(&position)
    var labels: [MetricLabel] = []
    var valueMustFollow = nameRange.upperBound
    if position < lineEnd, bytes[position] == UInt8(ascii: "{") {
      labels = try readLabels(&position)
      valueMustFollow = position
      skipBlanks(&position)
    } else if position < lineEnd, position == nameRange.upperBound {
      throw error(at: position, "invalid character \(quoted(bytes[position])) in metric name")
    }
    guard position < lineEnd else { throw error(at: position, "missing value for \(name)") }
    guard position > valueMustFollow else { throw error(at: position, "expected a blank before the value of \(name)") }
    let value = try readValue(&position, name: name)
    let timestamp = try readTimestamp(&position)
    try check(role: role, labels: labels, name: name, at: start)
    previousLabels = labels
    families[familyIndex].samples.append(
      MetricSample(name: name, labels: labels, value: value, timestampMilliseconds: timestamp))
  }

  /// The sample name as a string and its family, reusing the previous sample's when the bytes
  /// repeat, which saves a string and a dictionary lookup on most lines.
  private mutating func resolve(_ range: Range<Int>) -> (String, Int, Role) {
    if let previous = previousName, previous.range.count == range.count, let base = bytes.baseAddress,
      memcmp(base + previous.range.lowerBound, base + range.lowerBound, range.count) == 0
    {
      previousName = (range, previous.name, previous.family, previous.role)
      return (previous.name, previous.family, previous.role)
    }
    let name = string(range)
    let (family, role) = target(of: name)
    previousName = (range, name, family, role)
    return (name, family, role)
  }

  private mutating func readLabels(_ position: inout Int) throws(ExpositionError) -> [MetricLabel] {
    position += 1
    var labels: [MetricLabel] = []
    labels.reserveCapacity(previousLabels.count)
    // A linear duplicate check is fastest for the usual dozen labels; hostile input with
    // thousands must not make it quadratic.
    var names: Set<String> = []
    while true {
      skipBlanks(&position)
      guard position < lineEnd else { throw error(at: position, "unterminated label set") }
      if bytes[position] == UInt8(ascii: "}") { break }
      let label = try readLabel(
        &position, reuse: labels.count < previousLabels.count ? previousLabels[labels.count] : nil)
      if labels.count == 16 { names = Set(labels.map(\.name)) }
      let duplicate =
        labels.count < 16 ? labels.contains { $0.name == label.name } : !names.insert(label.name).inserted
      if duplicate { throw error(at: position, "duplicate label \(label.name)") }
      labels.append(label)
      skipBlanks(&position)
      guard position < lineEnd else { throw error(at: position, "unterminated label set") }
      if bytes[position] == UInt8(ascii: ",") {
        position += 1
      } else if bytes[position] != UInt8(ascii: "}") {
        throw error(at: position, "expected ',' or '}' after the value of label \(label.name)")
      }
    }
    position += 1
    return labels
  }

  private mutating func readLabel(_ position: inout Int, reuse previous: MetricLabel?) throws(ExpositionError)
    -> MetricLabel
  {
    let nameStart = position
    while position < lineEnd, isLabelNameByte(bytes[position], first: position == nameStart) { position += 1 }
    guard position > nameStart else {
      throw error(at: position, "expected a label name, found \(quoted(bytes[position]))")
    }
    let nameRange = nameStart..<position
    let name = previous.flatMap { same($0.name, nameRange) ? $0.name : nil } ?? string(nameRange)
    guard name != "__name__" else { throw error(at: nameStart, "label name __name__ is reserved") }
    skipBlanks(&position)
    guard position < lineEnd, bytes[position] == UInt8(ascii: "=") else {
      throw error(at: position, "expected '=' after label name \(name)")
    }
    position += 1
    skipBlanks(&position)
    guard position < lineEnd, bytes[position] == UInt8(ascii: "\"") else {
      throw error(at: position, "expected '\"' to open the value of label \(name)")
    }
    position += 1
    let value = try readLabelValue(&position, label: name, reuse: previous?.value)
    return MetricLabel(name, value)
  }

  /// A quoted label value after its opening quote; escapes are `\\`, `\"` and `\n`.
  private mutating func readLabelValue(_ position: inout Int, label: String, reuse previous: String?)
    throws(ExpositionError) -> String
  {
    let start = position
    var escaped = false
    while position < lineEnd, bytes[position] != UInt8(ascii: "\"") {
      if bytes[position] == UInt8(ascii: "\\") {
        escaped = true
        position += 1
      }
      position += 1
    }
    guard position < lineEnd else { throw error(at: start - 1, "unterminated value of label \(label)") }
    let range = start..<position
    position += 1
    if !escaped, let previous, same(previous, range) { return previous }
    let text: String?
    if escaped {
      text = String(validating: try unescapeLabelValue(range, label: label), as: UTF8.self)
    } else {
      text = String(validating: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }
    guard let text else { throw error(at: start, "value of label \(label) is not valid UTF-8") }
    return text
  }

  private mutating func unescapeLabelValue(_ range: Range<Int>, label: String) throws(ExpositionError) -> [UInt8] {
    scratch.removeAll(keepingCapacity: true)
    var position = range.lowerBound
    while position < range.upperBound {
      var byte = bytes[position]
      if byte == UInt8(ascii: "\\") {
        position += 1
        switch bytes[position] {
        case UInt8(ascii: "\\"), UInt8(ascii: "\""): byte = bytes[position]
        case UInt8(ascii: "n"): byte = UInt8(ascii: "\n")
        default:
          throw error(at: position - 1, "invalid escape \\\(quotedBare(bytes[position])) in value of label \(label)")
        }
      }
      scratch.append(byte)
      position += 1
    }
    return scratch
  }

  private func readValue(_ position: inout Int, name: String) throws(ExpositionError) -> Double {
    let start = position
    while position < lineEnd, !isBlank(bytes[position]) { position += 1 }
    guard let value = ExpositionNumber.double(UnsafeBufferPointer(rebasing: bytes[start..<position])) else {
      throw error(at: start, "invalid value \"\(lossy(start..<position))\" for \(name)")
    }
    return value
  }

  private func readTimestamp(_ position: inout Int) throws(ExpositionError) -> Int64? {
    skipBlanks(&position)
    guard position < lineEnd else { return nil }
    let start = position
    while position < lineEnd, !isBlank(bytes[position]) { position += 1 }
    guard let timestamp = ExpositionNumber.int64(UnsafeBufferPointer(rebasing: bytes[start..<position])) else {
      throw error(at: start, "invalid timestamp \"\(lossy(start..<position))\"; expected integer milliseconds")
    }
    skipBlanks(&position)
    guard position == lineEnd else { throw error(at: position, "unexpected text after the timestamp") }
    return timestamp
  }

  /// A histogram bucket needs a float `le`, a summary quantile a float `quantile`.
  private func check(role: Role, labels: [MetricLabel], name: String, at start: Int) throws(ExpositionError) {
    let required: String
    switch role {
    case .bucket: required = "le"
    case .quantile: required = "quantile"
    case .plain, .sum, .count: return
    }
    guard let text = labels.first(where: { $0.name == required })?.value else {
      throw error(at: start, "\(name) has no \(required) label")
    }
    var bytes = text
    let valid = bytes.withUTF8 { ExpositionNumber.double($0) != nil }
    guard valid else { throw error(at: start, "\(name) has \(required)=\"\(text)\", which is not a number") }
  }

  private func isLabelNameByte(_ byte: UInt8, first: Bool) -> Bool {
    let letter = (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    let digit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    return letter || byte == UInt8(ascii: "_") || (digit && !first)
  }

  /// Whether `text` is exactly the bytes at `range`.
  private func same(_ text: String, _ range: Range<Int>) -> Bool {
    guard text.utf8.count == range.count else { return false }
    return text.utf8.withContiguousStorageIfAvailable { equal($0, range) } ?? false
  }
}
