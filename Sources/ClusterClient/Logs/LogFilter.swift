import Foundation
import KubeCore

/// Which log lines to show: a minimum level, text (substrings and `/regular expressions/`), JSON
/// fields (`key=value`) and a correlation ID, all of which a line must pass. A pure value.
///
/// Matching is built for speed on raw lines: every part that implies some bytes in the line (the
/// correlation ID, a field's value, a substring) is first looked for with `memmem`, so most lines
/// are rejected without being parsed; only a line that contains them all is parsed to confirm that
/// the bytes are really the field asked for.
public struct LogFilter: Sendable, Equatable, CustomStringConvertible {
  /// Only lines at this level or above; nil for every line, with or without a level.
  public let minimumLevel: LogLevel?
  /// Substrings the line must contain, byte for byte (case-sensitive, as `grep -F`).
  public let substrings: [String]
  /// Regular expressions that must match somewhere in the line.
  public let patterns: [LogPattern]
  /// JSON fields (or `key=value` words of a plain line) that must hold these values.
  public let fields: [FieldMatch]
  /// The `correlation_id` the line must carry.
  public let correlationID: String?
  /// The bytes every passing line contains: one entry per substring, field value and ID.
  let needles: [[UInt8]]

  /// A filter of the given parts; the empty filter passes every line.
  public init(
    minimumLevel: LogLevel? = nil, substrings: [String] = [], patterns: [LogPattern] = [], fields: [FieldMatch] = [],
    correlationID: String? = nil
  ) {
    self.minimumLevel = minimumLevel
    self.substrings = substrings.filter { !$0.isEmpty }
    self.patterns = patterns
    self.fields = fields
    self.correlationID = correlationID.flatMap { $0.isEmpty ? nil : $0 }
    var needles = self.substrings.map { Array($0.utf8) }
    needles += fields.filter { !$0.value.isEmpty }.map { Self.jsonEscaped($0.value) }
    if let id = self.correlationID { needles.append(Self.jsonEscaped(id)) }
    // The longest needle first: it rejects the most lines and is what a buffer scans for.
    self.needles = needles.sorted { $0.count > $1.count }
  }

  /// The filter that passes every line.
  public static let all = LogFilter()

  /// Whether the filter passes every line.
  public var isEmpty: Bool {
    minimumLevel == nil && substrings.isEmpty && patterns.isEmpty && fields.isEmpty && correlationID == nil
  }

  /// The bytes that every passing line contains, when the filter implies any: a buffer searches
  /// for them across many lines at once and checks only the lines where they occur.
  public var anchor: [UInt8]? { needles.first }

  /// Whether a line must be parsed (or read as `key=value` words) to decide.
  var needsFields: Bool { minimumLevel != nil || !fields.isEmpty || correlationID != nil }

  /// The filter as `parse` reads it back: `level>=warn correlation_id=abc route=chat /timeout/ "text"`.
  public var description: String {
    var terms: [String] = []
    if let minimumLevel { terms.append("level>=\(minimumLevel)") }
    if let correlationID { terms.append("correlation_id=\(Self.quotedIfNeeded(correlationID))") }
    terms += fields.map { "\($0.key)=\(Self.quotedIfNeeded($0.value))" }
    terms += patterns.map(\.description)
    terms += substrings.map { Self.quotedIfNeeded($0) }
    return terms.joined(separator: " ")
  }

  /// The same filter with another correlation ID (nil for none).
  public func with(correlationID: String?) -> LogFilter {
    LogFilter(
      minimumLevel: minimumLevel, substrings: substrings, patterns: patterns, fields: fields,
      correlationID: correlationID)
  }

  /// The same filter with another minimum level (nil for none).
  public func with(minimumLevel: LogLevel?) -> LogFilter {
    LogFilter(
      minimumLevel: minimumLevel, substrings: substrings, patterns: patterns, fields: fields,
      correlationID: correlationID)
  }

  public static func == (lhs: LogFilter, rhs: LogFilter) -> Bool { lhs.description == rhs.description }

  /// How `text` appears inside a JSON string as writers write it: quotes, backslashes and control
  /// characters escaped, everything else as it is.
  static func jsonEscaped(_ text: String) -> [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(text.utf8.count)
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes += [UInt8(ascii: "\\"), byte]
      case UInt8(ascii: "\n"): bytes += Array(#"\n"#.utf8)
      case UInt8(ascii: "\t"): bytes += Array(#"\t"#.utf8)
      case UInt8(ascii: "\r"): bytes += Array(#"\r"#.utf8)
      case 0..<0x20:
        let hex = Array("0123456789abcdef".utf8)
        bytes += Array(#"\u00"#.utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
      default: bytes.append(byte)
      }
    }
    return bytes
  }

  private static func quotedIfNeeded(_ text: String) -> String {
    text.contains(where: { $0 == " " || $0 == "\"" || $0 == "/" || $0 == "=" }) || text.isEmpty
      ? "\"" + text.replacingOccurrences(of: "\"", with: "\\\"") + "\"" : text
  }
}

extension LogFilter {
  /// One `key=value` term: the line's field `key` must hold `value` (a string equal to it, or a
  /// number or boolean written so).
  public struct FieldMatch: Sendable, Equatable {
    /// The field's name, as it appears in the JSON object (top level).
    public var key: String
    /// The value asked for, as text.
    public var value: String

    /// A term asking field `key` to hold `value`.
    public init(key: String, value: String) {
      self.key = key
      self.value = value
    }

    /// Whether a JSON value is the one asked for.
    func accepts(_ found: JSONValue) -> Bool {
      switch found {
      case .string(let text): return text == value
      case .int(let number): return String(number) == value
      case .double(let number): return Double(value) == number
      case .bool(let flag): return String(flag) == value
      case .null: return value == "null"
      case .array, .object: return false
      }
    }
  }
}
