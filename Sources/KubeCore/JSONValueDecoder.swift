import OrderedCollections

/// Decodes a Codable type straight from a `JSONValue`, without writing the value out as JSON text
/// and parsing it again as `JSONValue.decode(as:)` does through Foundation's decoder: the console
/// reads typed objects for every list row, and the round trip cost more than the row.
///
/// Numbers follow `JSONDecoder`: an integer type accepts only integral values in its range, a
/// floating-point type accepts any number; a `JSONValue` inside the type is taken as it is.
public struct JSONValueDecoder {
  public init() {}

  /// `value` as a `T`.
  public func decode<T: Decodable>(_ type: T.Type = T.self, from value: JSONValue) throws -> T {
    try JSONValueDecoding(value: value, codingPath: []).unwrap(T.self)
  }
}

/// One position in the value being decoded; the `Decoder` the type's `init(from:)` sees.
private struct JSONValueDecoding: Decoder {
  let value: JSONValue
  let codingPath: [any CodingKey]
  var userInfo: [CodingUserInfoKey: Any] { [:] }

  func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
    guard case .object(let members) = value else { throw mismatch([String: JSONValue].self) }
    return KeyedDecodingContainer(KeyedJSONValueContainer<Key>(members: members, codingPath: codingPath))
  }

  func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
    guard case .array(let elements) = value else { throw mismatch([JSONValue].self) }
    return UnkeyedJSONValueContainer(elements: elements, codingPath: codingPath)
  }

  func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

  func unwrap<T: Decodable>(_ type: T.Type) throws -> T {
    if T.self == JSONValue.self, let same = value as? T { return same }
    return try T(from: self)
  }

  func mismatch(_ type: Any.Type) -> DecodingError {
    DecodingError.typeMismatch(
      type, .init(codingPath: codingPath, debugDescription: "Expected \(type) but found \(value.typeName)"))
  }

  func integer<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
    switch value {
    case .int(let number):
      guard let exact = T(exactly: number) else { throw outOfRange(type) }
      return exact
    case .double(let number):
      guard let exact = T(exactly: number) else { throw outOfRange(type) }
      return exact
    default: throw mismatch(type)
    }
  }

  private func outOfRange(_ type: Any.Type) -> DecodingError {
    .dataCorrupted(.init(codingPath: codingPath, debugDescription: "Number \(value) does not fit in \(type)."))
  }
}

extension JSONValueDecoding: SingleValueDecodingContainer {
  func decodeNil() -> Bool { value.isNull }
  func decode(_ type: Bool.Type) throws -> Bool {
    guard case .bool(let flag) = value else { throw mismatch(type) }
    return flag
  }
  func decode(_ type: String.Type) throws -> String {
    guard case .string(let text) = value else { throw mismatch(type) }
    return text
  }
  func decode(_ type: Double.Type) throws -> Double {
    guard let number = value.doubleValue else { throw mismatch(type) }
    return number
  }
  func decode(_ type: Float.Type) throws -> Float { Float(try decode(Double.self)) }
  func decode(_ type: Int.Type) throws -> Int { try integer(type) }
  func decode(_ type: Int8.Type) throws -> Int8 { try integer(type) }
  func decode(_ type: Int16.Type) throws -> Int16 { try integer(type) }
  func decode(_ type: Int32.Type) throws -> Int32 { try integer(type) }
  func decode(_ type: Int64.Type) throws -> Int64 { try integer(type) }
  func decode(_ type: UInt.Type) throws -> UInt { try integer(type) }
  func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(type) }
  func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(type) }
  func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(type) }
  func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(type) }
  func decode<T: Decodable>(_ type: T.Type) throws -> T { try unwrap(type) }
}

private struct KeyedJSONValueContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
  let members: OrderedDictionary<String, JSONValue>
  let codingPath: [any CodingKey]

  var allKeys: [Key] { members.keys.compactMap { Key(stringValue: $0) } }
  func contains(_ key: Key) -> Bool { members[key.stringValue] != nil }

  private func child(_ key: Key) throws -> JSONValueDecoding {
    guard let value = members[key.stringValue] else {
      throw DecodingError.keyNotFound(
        key, .init(codingPath: codingPath, debugDescription: "No value for key \"\(key.stringValue)\"."))
    }
    return JSONValueDecoding(value: value, codingPath: codingPath + [key])
  }

  func decodeNil(forKey key: Key) throws -> Bool { try child(key).value.isNull }
  func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
    let position = try child(key)
    if position.value.isNull, T.self != JSONValue.self {
      throw DecodingError.valueNotFound(
        type, .init(codingPath: position.codingPath, debugDescription: "Expected \(type) but found null."))
    }
    return try position.unwrap(type)
  }
  func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
    guard let value = members[key.stringValue], !value.isNull else { return nil }
    return try JSONValueDecoding(value: value, codingPath: codingPath + [key]).unwrap(type)
  }
  func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
    -> KeyedDecodingContainer<NestedKey>
  {
    try child(key).container(keyedBy: type)
  }
  func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
    try child(key).unkeyedContainer()
  }
  func superDecoder() throws -> any Decoder {
    JSONValueDecoding(value: members["super"] ?? .null, codingPath: codingPath)
  }
  func superDecoder(forKey key: Key) throws -> any Decoder { try child(key) }
}

private struct UnkeyedJSONValueContainer: UnkeyedDecodingContainer {
  let elements: [JSONValue]
  let codingPath: [any CodingKey]
  var currentIndex = 0

  init(elements: [JSONValue], codingPath: [any CodingKey]) {
    self.elements = elements
    self.codingPath = codingPath
  }

  var count: Int? { elements.count }
  var isAtEnd: Bool { currentIndex >= elements.count }

  private mutating func next<T>(_ type: T.Type) throws -> JSONValueDecoding {
    guard !isAtEnd else {
      throw DecodingError.valueNotFound(
        type, .init(codingPath: codingPath, debugDescription: "Unkeyed container is at end."))
    }
    defer { currentIndex += 1 }
    return JSONValueDecoding(value: elements[currentIndex], codingPath: codingPath + [IndexKey(currentIndex)])
  }

  mutating func decodeNil() throws -> Bool {
    guard !isAtEnd, elements[currentIndex].isNull else { return false }
    currentIndex += 1
    return true
  }
  mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next(type).unwrap(type) }
  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
    -> KeyedDecodingContainer<NestedKey>
  {
    try next(type).container(keyedBy: type)
  }
  mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
    try next([JSONValue].self).unkeyedContainer()
  }
  mutating func superDecoder() throws -> any Decoder { try next(JSONValue.self) }
}

private struct IndexKey: CodingKey {
  var stringValue: String
  var intValue: Int?
  init(_ index: Int) {
    stringValue = "Index \(index)"
    intValue = index
  }
  init?(stringValue: String) { nil }
  init?(intValue: Int) { self.init(intValue) }
}
