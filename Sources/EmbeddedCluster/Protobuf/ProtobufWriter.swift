/// Writes protobuf's wire format, proto3 style: a field at its type's zero value (an empty string,
/// false, 0) is left out, as Go's `proto.Marshal` leaves it out.
struct ProtobufWriter {
  private(set) var bytes: [UInt8] = []

  mutating func string(_ field: Int, _ value: String?) {
    guard let value, !value.isEmpty else { return }
    lengthDelimited(field, Array(value.utf8))
  }

  mutating func strings(_ field: Int, _ values: [String]) {
    for value in values { lengthDelimited(field, Array(value.utf8)) }
  }

  mutating func bool(_ field: Int, _ value: Bool?) {
    guard value == true else { return }
    key(field, wireType: 0)
    varint(1)
  }

  /// A bool member of a `oneof`, written even when false: a oneof's member has presence.
  mutating func oneofBool(_ field: Int, _ value: Bool) {
    key(field, wireType: 0)
    varint(value ? 1 : 0)
  }

  mutating func int64(_ field: Int, _ value: Int64?) {
    guard let value, value != 0 else { return }
    key(field, wireType: 0)
    varint(UInt64(bitPattern: value))
  }

  mutating func double(_ field: Int, _ value: Double?) {
    guard let value, value != 0 else { return }
    key(field, wireType: 1)
    withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
  }

  /// An embedded message, written even when empty: presence is what a message field says.
  mutating func message(_ field: Int, _ build: (inout ProtobufWriter) -> Void) {
    var nested = ProtobufWriter()
    build(&nested)
    lengthDelimited(field, nested.bytes)
  }

  private mutating func lengthDelimited(_ field: Int, _ payload: [UInt8]) {
    key(field, wireType: 2)
    varint(UInt64(payload.count))
    bytes.append(contentsOf: payload)
  }

  private mutating func key(_ field: Int, wireType: UInt64) { varint(UInt64(field) << 3 | wireType) }

  private mutating func varint(_ value: UInt64) {
    var value = value
    while value >= 0x80 {
      bytes.append(UInt8(value & 0x7F) | 0x80)
      value >>= 7
    }
    bytes.append(UInt8(value))
  }
}
