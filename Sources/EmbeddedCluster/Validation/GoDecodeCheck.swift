import Foundation
import KubeCore

/// Walks a JSON object against a kind's Go types as kube-apiserver's decoder (encoding/json, as
/// forked in sigs.k8s.io/json) reads it, and answers the error that decoder would report: the
/// first one in document order, worded as Go words it. `null` is accepted anywhere (it leaves the
/// Go value unset); fields the table does not list are left alone.
struct GoDecodeCheck {
  let structs: [String: GoFields]

  /// The decoding error for `value` read as the struct `root`, or nil.
  func firstError(_ value: JSONValue, root: String) -> String? {
    check(value, as: .structure(root), in: Self.shortName(root), path: [])
  }

  private func check(_ value: JSONValue, as type: GoType, in structName: String, path: [String]) -> String? {
    if value.isNull { return nil }
    let mismatch = { (kind: String) in Self.typeError(kind, type, structName, path) }
    switch type {
    case .any: return nil
    case .string: return value.stringValue == nil ? mismatch(Self.jsonKind(value)) : nil
    case .bool: return value.boolValue == nil ? mismatch(Self.jsonKind(value)) : nil
    case .int32, .int64, .float64: return numberError(value, type, mismatch)
    case .bytes:
      guard let text = value.stringValue else { return mismatch(Self.jsonKind(value)) }
      return Base64Check.error(in: text)
    case .quantity: return QuantitySyntax.error(in: value)
    case .intOrString: return Self.intOrStringError(value)
    case .time: return Self.timeError(value)
    case .slice(let element):
      guard let elements = value.arrayValue else { return mismatch(Self.jsonKind(value)) }
      return elements.lazy.compactMap { check($0, as: element, in: structName, path: path) }.first
    case .map(let element, _):
      guard let members = value.objectValue else { return mismatch(Self.jsonKind(value)) }
      return members.values.lazy.compactMap { check($0, as: element, in: structName, path: path) }.first
    case .structure(let name):
      guard let members = value.objectValue else { return mismatch(Self.jsonKind(value)) }
      let fields = structs[name] ?? [:]
      for (key, child) in members {
        guard let fieldType = fields[key] else { continue }
        if let error = check(child, as: fieldType, in: Self.shortName(name), path: path + [key]) { return error }
      }
      return nil
    case .schemaOrBool:
      if value.boolValue != nil { return nil }
      guard value.objectValue != nil else { return "JSONSchemaPropsOrBool: expected bool or object" }
      return check(value, as: .structure("v1.JSONSchemaProps"), in: structName, path: path)
    case .schemaOrArray:
      if value.objectValue != nil {
        return check(value, as: .structure("v1.JSONSchemaProps"), in: structName, path: path)
      }
      guard value.arrayValue != nil else { return "JSONSchemaPropsOrArray: expected object or array" }
      return check(value, as: .slice(.structure("v1.JSONSchemaProps")), in: structName, path: path)
    }
  }

  /// A number into a Go integer or float: Go parses the literal and refuses a fraction, an
  /// exponent or a value past the type's range with the literal in the message.
  private func numberError(_ value: JSONValue, _ type: GoType, _ mismatch: (String) -> String) -> String? {
    switch (value, type) {
    case (.int(let number), .int32) where number < Int64(Int32.min) || number > Int64(Int32.max):
      return mismatch("number \(number)")
    case (.int, _): return nil
    case (.double(let number), .float64) where number.isFinite: return nil
    case (.double(let number), _): return mismatch("number " + Self.literal(number))
    default: return mismatch(Self.jsonKind(value))
    }
  }

  /// `intstr.IntOrString`: a string, or a number Go reads as an int32 with a context-free message.
  private static func intOrStringError(_ value: JSONValue) -> String? {
    switch value {
    case .string: return nil
    case .int(let number) where number >= Int64(Int32.min) && number <= Int64(Int32.max): return nil
    case .int(let number): return "json: cannot unmarshal number \(number) into Go value of type int32"
    case .double(let number): return "json: cannot unmarshal number \(literal(number)) into Go value of type int32"
    default: return "json: cannot unmarshal \(jsonKind(value)) into Go value of type int32"
    }
  }

  /// `metav1.Time`: a string in RFC 3339.
  private static func timeError(_ value: JSONValue) -> String? {
    guard let text = value.stringValue else {
      return "json: cannot unmarshal \(jsonKind(value)) into Go value of type string"
    }
    guard !RFC3339.isValid(text) else { return nil }
    return "parsing time \"\(text)\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"\(text)\" as \"2006\""
  }

  private static func typeError(_ kind: String, _ type: GoType, _ structName: String, _ path: [String]) -> String {
    guard !path.isEmpty else { return "json: cannot unmarshal \(kind) into Go value of type \(type.goName)" }
    let field = path.joined(separator: ".")
    return "json: cannot unmarshal \(kind) into Go struct field \(structName).\(field) of type \(type.goName)"
  }

  /// How encoding/json names a JSON value in "cannot unmarshal X".
  static func jsonKind(_ value: JSONValue) -> String {
    switch value {
    case .null: "null"
    case .bool: "bool"
    case .int, .double: "number"
    case .string: "string"
    case .array: "array"
    case .object: "object"
    }
  }

  /// A number as the client most likely wrote it (the parser keeps only its value): `2.5`,
  /// `18446744073709551616`; one past a double's range is shown by magnitude.
  static func literal(_ number: Double) -> String {
    guard number.isFinite else { return number < 0 ? "-1e309 or beyond" : "1e309 or beyond" }
    if number.rounded() == number, abs(number) >= 1e16, abs(number) < 1e21 { return String(format: "%.0f", number) }
    return String(number)
  }

  private static func shortName(_ qualified: String) -> String {
    qualified.split(separator: ".").last.map(String.init) ?? qualified
  }
}

/// RFC 3339 timestamps as Go's `time.Parse(time.RFC3339, _)` accepts them, which is what
/// `metav1.Time` decodes with: Go's general layout parser, since its fast path falls back to it.
/// So an hour may have one digit, fractional seconds follow `.` or `,`, a zone offset may be
/// +24:00 or have 60 minutes, and the day must exist in its month. Read byte by byte: two
/// `ISO8601DateFormatter`s per timestamp cost a fifth of a create's CPU.
enum RFC3339 {
  static func isValid(_ text: String) -> Bool {
    var reader = DigitReader(bytes: Array(text.utf8))
    guard let year = reader.number(digits: 4), reader.skip("-"),
      let month = reader.number(digits: 2), (1...12).contains(month), reader.skip("-"),
      let day = reader.number(digits: 2), reader.skip("T"),
      let hour = reader.hour(), hour < 24, reader.skip(":"),
      let minute = reader.number(digits: 2), minute < 60, reader.skip(":"),
      let second = reader.number(digits: 2), second < 60
    else { return false }
    reader.skipFraction()
    guard reader.zone(), reader.atEnd else { return false }
    return (1...daysIn(month: month, year: year)).contains(day)
  }

  private static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  private struct DigitReader {
    let bytes: [UInt8]
    var index = 0

    var atEnd: Bool { index == bytes.count }

    private func isDigit(at position: Int) -> Bool {
      position < bytes.count && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position])
    }

    mutating func skip(_ literal: Unicode.Scalar) -> Bool {
      guard index < bytes.count, bytes[index] == UInt8(ascii: literal) else { return false }
      index += 1
      return true
    }

    /// Exactly `digits` decimal digits.
    mutating func number(digits: Int) -> Int? {
      var value = 0
      for _ in 0..<digits {
        guard isDigit(at: index) else { return nil }
        value = value * 10 + Int(bytes[index] - UInt8(ascii: "0"))
        index += 1
      }
      return value
    }

    /// Go's `getnum(value, false)`: one digit, or two.
    mutating func hour() -> Int? {
      number(digits: isDigit(at: index + 1) ? 2 : 1)
    }

    /// Fractional seconds the layout does not name: `.` or `,` and at least one digit.
    mutating func skipFraction() {
      guard index < bytes.count, bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: ","),
        isDigit(at: index + 1)
      else { return }
      index += 1
      while isDigit(at: index) { index += 1 }
    }

    /// `Z`, or `±hh:mm` with Go's ranges (it allows 24 hours and 60 minutes).
    mutating func zone() -> Bool {
      if skip("Z") { return true }
      guard skip("+") || skip("-"), let hours = number(digits: 2), skip(":"), let minutes = number(digits: 2) else {
        return false
      }
      return hours <= 24 && minutes <= 60
    }
  }
}
