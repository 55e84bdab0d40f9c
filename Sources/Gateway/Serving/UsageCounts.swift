/// The token counts of an OpenAI `usage` object, read by one validating pass over its text
/// (`JSONScanner`) as `JSONValue.intValue` reads the numbers `JSONParser` makes of them: nil
/// unless the text is valid JSON, an object, with an integral `prompt_tokens` (the last of a
/// repeated key counting). Nil also for a key spelled with escapes, which the caller leaves to
/// the parser.
struct UsageCounts: Equatable {
  var prompt: Int64
  /// `completion_tokens`, when integral.
  var completion: Int64?

  init?(_ text: UnsafeRawBufferPointer) {
    let bytes = UnsafeBufferPointer(start: text.baseAddress?.assumingMemoryBound(to: UInt8.self), count: text.count)
    var prompt: Int64?
    var completion: Int64?
    var scanner = JSONScanner(bytes)
    do {
      scanner.skipWhitespace()
      guard scanner.current == UInt8(ascii: "{") else { return nil }
      try scanner.members(depth: 1) { (scanner, key, escaped) throws(JSONScanner.Invalid) in
        let start = scanner.index
        let kind = try scanner.skipValue(depth: 1)
        let name = escaped ? nil : UnsafeBufferPointer(rebasing: bytes[key])
        if let name, name.elementsEqual("prompt_tokens".utf8) {
          prompt = JSONScanner.integer(bytes, start..<scanner.index, kind)
        } else if let name, name.elementsEqual("completion_tokens".utf8) {
          completion = JSONScanner.integer(bytes, start..<scanner.index, kind)
        } else if escaped {
          throw JSONScanner.Invalid()
        }
      }
      scanner.skipWhitespace()
      guard scanner.atEnd else { return nil }
    } catch {
      return nil
    }
    guard let prompt else { return nil }
    self.prompt = prompt
    self.completion = completion
  }
}

extension JSONScanner {
  /// A number's value as `JSONValue.intValue` reads what `JSONParser` makes of it: an integer
  /// that fits, or a double that is integral and within Int64's range; nil otherwise.
  static func integer(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ kind: Kind) -> Int64? {
    guard case .number(let integer) = kind else { return nil }
    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    if integer, let exact = Int64(text) { return exact }
    guard let double = Double(text), double.rounded() == double, abs(double) < 9.2e18 else { return nil }
    return Int64(double)
  }
}
