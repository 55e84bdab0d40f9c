import CByteSearch

/// Substring search over raw bytes through the C library's vectorised `memmem`: the first step of
/// every log filter, so that most lines are rejected without being decoded or parsed.
enum ByteSearch {
  /// The offset of the first `needle` in `haystack` at or after `start`; nil when there is none.
  /// An empty needle is found at `start`.
  static func first(_ needle: [UInt8], in haystack: UnsafeRawBufferPointer, from start: Int = 0) -> Int? {
    guard !needle.isEmpty else { return start <= haystack.count ? start : nil }
    guard let base = haystack.baseAddress, start < haystack.count else { return nil }
    return needle.withUnsafeBytes { pattern in
      guard let found = aic_memmem(base + start, haystack.count - start, pattern.baseAddress, pattern.count) else {
        return nil
      }
      return base.distance(to: found)
    }
  }

  /// Whether `needle` occurs in the UTF-8 of `text`.
  static func contains(_ needle: [UInt8], in text: String) -> Bool {
    var text = text
    return text.withUTF8 { first(needle, in: UnsafeRawBufferPointer($0)) != nil }
  }
}
