/// Short, stable, label-safe names for content: FNV-1a, written in the consonant-and-digit
/// alphabet Kubernetes uses for hashes so that a name never spells a word.
enum StableHash {
  static let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")

  static func fnv1a(_ bytes: some Sequence<UInt8>) -> UInt32 {
    var value: UInt32 = 2_166_136_261
    for byte in bytes { value = (value ^ UInt32(byte)) &* 16_777_619 }
    return value
  }

  static func name(_ bytes: some Sequence<UInt8>) -> String {
    var value = fnv1a(bytes)
    var text = ""
    repeat {
      text.append(alphabet[Int(value % UInt32(alphabet.count))])
      value /= UInt32(alphabet.count)
    } while value > 0
    return text
  }
}
