extension JSONValue {
  /// The length of `serialized()` without building it, or of at least `limit` + 1 once it passes
  /// `limit`: a value whose subtrees share storage (YAML aliases, JSON patch copies) can be far
  /// larger written out than in memory, and measuring it must not cost what writing it would.
  public func serializedSize(upTo limit: Int = .max) -> Int {
    var size = 0
    measure(into: &size, limit: limit)
    return size
  }

  private func measure(into size: inout Int, limit: Int) {
    guard size <= limit else { return }
    switch self {
    case .null: size += 4
    case .bool(let flag): size += flag ? 4 : 5
    case .int, .double:
      var bytes: [UInt8] = []
      write(into: &bytes)
      size += bytes.count
    case .string(let text): size += Self.serializedSize(of: text)
    case .array(let elements):
      size += 2 + max(elements.count - 1, 0)
      for element in elements {
        element.measure(into: &size, limit: limit)
        if size > limit { return }
      }
    case .object(let members):
      size += 2 + max(members.count - 1, 0)
      for (key, value) in members {
        size += Self.serializedSize(of: key) + 1
        value.measure(into: &size, limit: limit)
        if size > limit { return }
      }
    }
  }

  /// The length of `text` as `writeString` writes it.
  static func serializedSize(of text: String) -> Int {
    var size = 2
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "\""), UInt8(ascii: "\\"), 0x0A, 0x0D, 0x09: size += 2
      case 0..<0x20: size += 6
      default: size += 1
      }
    }
    return size
  }
}
