import Foundation
import KubeCore

/// How one message of the Kubernetes API's protobuf encoding maps onto its JSON object: each
/// field number's JSON name and type. The protobuf encoding writes every non-pointer field, empty
/// or not; empty values are left out, as the JSON encoding's `omitempty` leaves them out, so that
/// an object sent as protobuf is stored as the same object sent as JSON.
struct ProtobufMessage: Sendable {
  /// A field's type, and so how its wire value becomes JSON.
  enum FieldType: Sendable {
    case string
    /// base64 in JSON, as Go encodes `[]byte`.
    case bytes
    case int64
    case bool
    /// `metav1.Time` (seconds, nanos), RFC 3339 in JSON.
    case time
    case message(ProtobufMessage)
    /// `map<string, string>`, a repeated entry message (key 1, value 2).
    case stringMap
    /// `map<string, bytes>`, values base64 in JSON.
    case bytesMap
    /// A repeated string.
    case strings
    /// A repeated message.
    case messages(ProtobufMessage)
  }

  /// The fields by number: JSON name and type.
  let fields: [Int: (name: String, type: FieldType)]

  init(_ fields: [Int: (String, FieldType)]) {
    self.fields = fields.mapValues { (name: $0.0, type: $0.1) }
  }

  /// The JSON object of the message in `bytes`. Fields this schema does not name are skipped, as
  /// a protobuf reader skips unknown fields.
  func decode(_ bytes: ArraySlice<UInt8>) throws(ProtobufError) -> JSONValue {
    var reader = ProtobufReader(bytes)
    var object: JSONValue = .emptyObject
    while let (number, wire) = try reader.next() {
      guard let (name, type) = fields[number] else { continue }
      let value = try Self.value(wire, type, field: name)
      switch type {
      case .stringMap, .bytesMap:
        var map = object[name] ?? .emptyObject
        for (key, entry) in value.objectValue ?? [:] { map[key] = entry }
        object[name] = map
      case .strings, .messages: object[name] = .array((object[name]?.arrayValue ?? []) + [value])
      default: object[name] = value
      }
    }
    return .object((object.objectValue ?? [:]).filter { !Self.isEmpty($0.value) })
  }

  private static func value(_ wire: ProtobufReader.WireValue, _ type: FieldType, field: String) throws(ProtobufError)
    -> JSONValue
  {
    switch (type, wire) {
    case (.int64, .varint(let number)): return .int(Int64(bitPattern: number))
    case (.bool, .varint(let number)): return .bool(number != 0)
    case (.string, .bytes(let bytes)), (.strings, .bytes(let bytes)): return .string(try text(bytes, field: field))
    case (.bytes, .bytes(let bytes)): return .string(Data(bytes).base64EncodedString())
    case (.time, .bytes(let bytes)): return try time(bytes)
    case (.message(let schema), .bytes(let bytes)), (.messages(let schema), .bytes(let bytes)):
      return try schema.decode(bytes)
    case (.stringMap, .bytes(let bytes)): return try entry(bytes, valueType: .string, field: field)
    case (.bytesMap, .bytes(let bytes)): return try entry(bytes, valueType: .bytes, field: field)
    default: throw ProtobufError("field \(field) has the wrong wire type for \(type)")
    }
  }

  /// One map entry as a one-member object.
  private static func entry(_ bytes: ArraySlice<UInt8>, valueType: FieldType, field: String) throws(ProtobufError)
    -> JSONValue
  {
    let entry = try ProtobufMessage([1: ("key", .string), 2: ("value", valueType)]).decode(bytes)
    return .object([entry["key"]?.stringValue ?? "": entry["value"] ?? .string("")])
  }

  private static func text(_ bytes: ArraySlice<UInt8>, field: String) throws(ProtobufError) -> String {
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw ProtobufError("field \(field) is not valid UTF-8")
    }
    return text
  }

  /// `metav1.Time`; the zero time is JSON's `null`, which is left out.
  private static func time(_ bytes: ArraySlice<UInt8>) throws(ProtobufError) -> JSONValue {
    let parts = try ProtobufMessage([1: ("seconds", .int64), 2: ("nanos", .int64)]).decode(bytes)
    guard let seconds = parts["seconds"]?.intValue, seconds != 0 else { return .null }
    // RFC 3339 has four-digit years.
    guard (-62_135_596_800...253_402_300_799).contains(seconds) else {
      throw ProtobufError("a time of \(seconds) seconds is outside the years 1 to 9999")
    }
    return .string(Timestamps.format(Date(timeIntervalSince1970: TimeInterval(seconds))))
  }

  private static func isEmpty(_ value: JSONValue) -> Bool {
    switch value {
    case .null: return true
    case .string(let text): return text.isEmpty
    case .int(let number): return number == 0
    case .bool(let flag): return !flag
    case .array(let elements): return elements.isEmpty
    case .object(let members): return members.isEmpty
    case .double(let number): return number == 0
    }
  }
}
