/// Where a byte string first occurs in another, by a plain scan over the buffers: the standard
/// library's generic `firstRange(of:)` took 10 ms over a 200 KB list page, ten times the request
/// the benchmark was timing.
enum ByteSearch {
  /// The index just past the first occurrence of `needle` in `haystack`, or nil.
  static func end(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
    guard let first = needle.first, haystack.count >= needle.count else { return nil }
    return haystack.withUnsafeBufferPointer { hay in
      needle.withUnsafeBufferPointer { pattern -> Int? in
        var start = 0
        while start <= hay.count - pattern.count {
          if hay[start] == first {
            var offset = 1
            while offset < pattern.count, hay[start + offset] == pattern[offset] { offset += 1 }
            if offset == pattern.count { return start + pattern.count }
          }
          start += 1
        }
        return nil
      }
    }
  }
}
