import KubeCore

extension LogFilter {
  /// Whether a raw line (a JSON object or plain text) passes: its bytes are searched first, and it
  /// is parsed only when it contains every needle and a level, field or ID must be confirmed.
  public func matches(_ line: String) -> Bool {
    guard !isEmpty else { return true }
    var line = line
    let hasNeedles = line.withUTF8 { bytes in
      needles.allSatisfy { ByteSearch.first($0, in: UnsafeRawBufferPointer(bytes)) != nil }
    }
    guard hasNeedles, patterns.allSatisfy({ $0.matches(line) }) else { return false }
    guard needsFields else { return true }
    if let object = Self.jsonObject(line) { return confirms(object) }
    return confirmsWords(line)
  }

  /// Whether a record passes, using the fields it was parsed into (no second parse).
  public func matches(_ record: LogRecord) -> Bool {
    guard !isEmpty else { return true }
    if let correlationID, record.isJSON, record.correlationID != correlationID { return false }
    guard substrings.allSatisfy({ ByteSearch.contains(Array($0.utf8), in: record.text) }),
      patterns.allSatisfy({ $0.matches(record.text) })
    else { return false }
    guard needsFields else { return true }
    if let fields = record.fields { return confirms(fields) }
    return confirmsWords(record.text)
  }

  /// Whether a parsed JSON line holds the level, fields and ID asked for.
  func confirms(_ object: JSONValue) -> Bool {
    if let correlationID, object["correlation_id"]?.stringValue != correlationID { return false }
    if let minimumLevel {
      guard let level = LogRecord.level(in: object), level >= minimumLevel else {
        return false
      }
    }
    return fields.allSatisfy { field in object[field.key].map(field.accepts) ?? false }
  }

  /// The same for a plain line, read as logfmt-style `key=value` words (`level=warn
  /// correlation_id=abc`), so that non-JSON writers are not simply dropped.
  func confirmsWords(_ line: String) -> Bool {
    let words = Self.words(line)
    if let correlationID, words["correlation_id"] != correlationID { return false }
    if let minimumLevel {
      guard let level = words["level"].flatMap({ LogLevel(parsing: $0) }), level >= minimumLevel else { return false }
    }
    return fields.allSatisfy { words[$0.key] == $0.value }
  }

  /// The line as a JSON object, or nil when it is not one (checked by its first byte before parsing).
  static func jsonObject(_ line: String) -> JSONValue? {
    guard line.utf8.first(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }) == UInt8(ascii: "{"),
      let value = try? JSONParser.parse(line), value.objectValue != nil
    else { return nil }
    return value
  }

  /// The `key=value` words of a plain line; a value may be double-quoted to hold spaces.
  static func words(_ line: String) -> [String: String] {
    var words: [String: String] = [:]
    var rest = Substring(line)
    while let equals = rest.firstIndex(of: "=") {
      let key = rest[..<equals].split(separator: " ").last.map { String($0) } ?? ""
      var value = rest[rest.index(after: equals)...]
      if value.first == "\"", let close = value.dropFirst().firstIndex(of: "\"") {
        words[key] = String(value[value.index(after: value.startIndex)..<close])
        value = value[value.index(after: close)...]
      } else {
        let end = value.firstIndex(of: " ") ?? value.endIndex
        words[key] = String(value[..<end])
        value = value[end...]
      }
      rest = value
    }
    return words
  }
}
