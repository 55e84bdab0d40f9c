import Synchronization

/// The gateway's per-request randomness: routing draws and minted request IDs. SplitMix64 seeded
/// once from the system: `Int.random` and `UUID()` cost a system call each (UUID even opens
/// /dev/urandom), several per request, and neither a weighted draw nor an ID that only has to
/// be unique needs a cryptographic source.
final class RequestRandom: Sendable {
  private let state: Mutex<UInt64>

  init(seed: UInt64 = UInt64.random(in: .min ... .max)) { state = Mutex(seed) }

  func next() -> UInt64 {
    var z = state.withLock { state in
      state &+= 0x9E37_79B9_7F4A_7C15
      return state
    }
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A draw in `0..<bound` (bound > 0).
  func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

  /// A random (version 4) UUID in lowercase, as `x-request-id` values usually are.
  func uuid() -> String {
    let high = next()
    let low = next()
    var bytes = [UInt8](repeating: 0, count: 16)
    for index in 0..<8 {
      bytes[index] = UInt8(truncatingIfNeeded: high >> (56 - 8 * index))
      bytes[8 + index] = UInt8(truncatingIfNeeded: low >> (56 - 8 * index))
    }
    bytes[6] = bytes[6] & 0x0F | 0x40
    bytes[8] = bytes[8] & 0x3F | 0x80
    let digits = Array("0123456789abcdef".utf8)
    var text: [UInt8] = []
    text.reserveCapacity(36)
    for (index, byte) in bytes.enumerated() {
      if [4, 6, 8, 10].contains(index) { text.append(UInt8(ascii: "-")) }
      text.append(digits[Int(byte >> 4)])
      text.append(digits[Int(byte & 0x0F)])
    }
    return String(decoding: text, as: UTF8.self)
  }
}
