/// Reads protobuf's wire format: a sequence of tagged fields, each a varint, a fixed-width
/// number or a length-delimited run of bytes (a string, bytes, a nested message, a map entry).
struct ProtobufReader {
  /// One field's value as it is on the wire.
  enum WireValue {
    case varint(UInt64)
    case fixed64(UInt64)
    case fixed32(UInt32)
    case bytes(ArraySlice<UInt8>)
  }

  private var bytes: ArraySlice<UInt8>

  init(_ bytes: ArraySlice<UInt8>) {
    self.bytes = bytes
  }

  /// The next field, or nil at the end of the message.
  mutating func next() throws(ProtobufError) -> (field: Int, value: WireValue)? {
    guard !bytes.isEmpty else { return nil }
    let offset = bytes.startIndex
    let key = try varint()
    let field = Int(key >> 3)
    guard field > 0 else { throw ProtobufError("field number 0 at byte \(offset)") }
    switch key & 7 {
    case 0: return (field, .varint(try varint()))
    case 1: return (field, .fixed64(try fixed(8)))
    case 5: return (field, .fixed32(UInt32(try fixed(4))))
    case 2:
      let length = try varint()
      guard length <= UInt64(bytes.count) else {
        throw ProtobufError("field \(field) at byte \(offset) claims \(length) bytes; \(bytes.count) are left")
      }
      let value = bytes.prefix(Int(length))
      bytes = bytes.dropFirst(Int(length))
      return (field, .bytes(value))
    default:
      throw ProtobufError("field \(field) at byte \(offset) has wire type \(key & 7), which is not supported")
    }
  }

  private mutating func varint() throws(ProtobufError) -> UInt64 {
    var result: UInt64 = 0
    var shift: UInt64 = 0
    while let byte = bytes.first, shift < 64 {
      bytes = bytes.dropFirst()
      result |= UInt64(byte & 0x7f) << shift
      if byte < 0x80 { return result }
      shift += 7
    }
    throw ProtobufError("a varint runs past the end of the message")
  }

  private mutating func fixed(_ width: Int) throws(ProtobufError) -> UInt64 {
    guard bytes.count >= width else { throw ProtobufError("a \(width)-byte number runs past the end") }
    let value = bytes.prefix(width).reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    bytes = bytes.dropFirst(width)
    return value
  }
}

/// A protobuf body that cannot be read, with where it went wrong.
struct ProtobufError: Error, CustomStringConvertible {
  let description: String

  init(_ description: String) {
    self.description = description
  }
}
