import Foundation
import KubeCore

/// API-key checks of routes with `auth.type: APIKey`: the bearer token must equal one of the
/// values in the route's Secret. Compared in constant time, so the time of a refusal says nothing
/// about how much of a key was right.
enum APIKeys {
  /// The bearer token of an `Authorization` header, if it has one.
  static func bearer(_ header: String?) -> String? {
    guard let header, header.count > 7, header.prefix(7).lowercased() == "bearer " else { return nil }
    return String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)
  }

  /// The keys a Secret holds: every `data` value (base64) and `stringData` value.
  static func keys(in secret: JSONValue) -> [[UInt8]] {
    var keys: [[UInt8]] = []
    for (_, value) in secret["data"]?.objectValue ?? [:] {
      if let text = value.stringValue, let data = Data(base64Encoded: text) {
        keys.append(Array(data).trimmingNewline())
      }
    }
    for (_, value) in secret["stringData"]?.objectValue ?? [:] {
      if let text = value.stringValue { keys.append(Array(text.utf8)) }
    }
    return keys
  }

  static func matches(_ presented: String, any keys: [[UInt8]]) -> Bool {
    let candidate = Array(presented.utf8)
    var found = false
    for key in keys where constantTimeEqual(candidate, key) { found = true }
    return found
  }

  /// Equal bytes, in time that depends only on the lengths.
  static func constantTimeEqual(_ left: [UInt8], _ right: [UInt8]) -> Bool {
    var difference = UInt8(left.count == right.count ? 0 : 1)
    for index in 0..<max(left.count, right.count) {
      let a = index < left.count ? left[index] : 0
      let b = index < right.count ? right[index] : 0
      difference |= a ^ b
    }
    return difference == 0
  }
}

extension Array where Element == UInt8 {
  /// Keys stored with `echo key | base64` end in a newline that is not part of the key.
  fileprivate func trimmingNewline() -> [UInt8] {
    var bytes = self
    while let last = bytes.last, last == 0x0A || last == 0x0D { bytes.removeLast() }
    return bytes
  }
}
