import KubeCore
import NIOCore

/// Reads the token usage out of a proxied OpenAI response as it passes through, without holding
/// it back: a whole JSON reply is kept (up to a bound) and its top-level `usage` read at the end;
/// a stream of server-sent events is read line by line, taking the `usage` of the last chunk that
/// has one, and counting content chunks for servers that send no usage.
///
/// Only what holds usage is parsed as JSON: a whole reply's `usage` member (found by one pass that
/// follows strings and nesting), and an event line that names a `usage` that is not null. Other
/// event lines are counted by their `"choices"` array being non-empty, read from the bytes: a
/// key's quotes cannot occur unescaped inside a JSON string, so the search cannot be fooled by
/// the generated text. Parsing all 200 chunks of a stream as JSON took a fifth of the proxy's time.
struct UsageSniffer {
  static let bound = 4 << 20
  private(set) var promptTokens = 0
  private(set) var completionTokens = 0
  private var sawUsage = false
  private var chunks = 0
  /// Streaming: the start of a line whose end has not come yet.
  private var pending: [UInt8] = []
  private var whole: [UInt8] = []
  let streaming: Bool

  init(streaming: Bool) { self.streaming = streaming }

  mutating func feed(_ buffer: ByteBuffer) {
    buffer.withUnsafeReadableBytes { feed($0) }
  }

  mutating func feed(_ bytes: [UInt8]) {
    bytes.withUnsafeBytes { feed($0) }
  }

  mutating func feed(_ bytes: UnsafeRawBufferPointer) {
    guard streaming else {
      if whole.count < Self.bound { whole.append(contentsOf: bytes) }
      return
    }
    var start = 0
    while let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) {
      if pending.isEmpty {
        read(line: UnsafeRawBufferPointer(rebasing: bytes[start..<newline]))
      } else {
        var line = pending
        pending.removeAll(keepingCapacity: true)
        line.append(contentsOf: bytes[start..<newline])
        line.withUnsafeBytes { read(line: $0) }
      }
      start = newline + 1
    }
    pending.append(contentsOf: bytes[start...])
  }

  mutating func finish() {
    if streaming {
      let line = pending
      pending = []
      line.withUnsafeBytes { read(line: $0) }
      if !sawUsage { completionTokens = chunks }
    } else {
      whole.withUnsafeBytes { takeTopLevelUsage(of: $0) }
    }
  }

  /// A whole reply, read where it lies rather than copied first: its top-level `usage`.
  mutating func finish(whole buffer: ByteBuffer) {
    precondition(!streaming, "a stream is fed and finished line by line")
    buffer.withUnsafeReadableBytes { takeTopLevelUsage(of: $0) }
  }

  /// The top-level `usage` of a whole reply, its two counts read where they lie (`UsageCounts`)
  /// rather than parsed into a tree: that parse was the largest of the gateway's own costs per
  /// proxied request.
  private mutating func takeTopLevelUsage(of bytes: UnsafeRawBufferPointer) {
    guard let range = JSONBytes.topLevelMember("usage", in: bytes) else { return }
    guard let counts = UsageCounts(UnsafeRawBufferPointer(rebasing: bytes[range])) else {
      // Not a plain usage object: the parser reads it as it always did (mostly to nothing).
      return take(try? JSONParser.parse(Array(bytes[range])))
    }
    sawUsage = true
    promptTokens = Int(counts.prompt)
    completionTokens = Int(counts.completion ?? 0)
  }

  private mutating func read(line: UnsafeRawBufferPointer) {
    let prefix = "data: ".utf8
    guard line.starts(with: prefix) else { return }
    let event = UnsafeRawBufferPointer(rebasing: line[prefix.count...])
    if let value = JSONBytes.valueStart(after: Self.usageKey, in: event), event[value] != UInt8(ascii: "n") {
      guard let parsed = try? JSONParser.parse(Array(event)) else { return }
      if let usage = parsed["usage"], usage != .null {
        take(usage)
      } else if parsed["choices"]?.arrayValue?.isEmpty == false {
        chunks += 1
      }
    } else if let choices = JSONBytes.valueStart(after: Self.choicesKey, in: event), event[choices] == UInt8(ascii: "[")
    {
      let next = JSONBytes.skipSpace(event, from: choices + 1)
      if next < event.count, event[next] != UInt8(ascii: "]") { chunks += 1 }
    }
  }

  static let usageKey = Array(#""usage""#.utf8)
  static let choicesKey = Array(#""choices""#.utf8)

  private mutating func take(_ usage: JSONValue?) {
    guard let usage, let prompt = usage["prompt_tokens"]?.intValue else { return }
    sawUsage = true
    promptTokens = Int(prompt)
    completionTokens = Int(usage["completion_tokens"]?.intValue ?? 0)
  }
}

/// Byte-level looks into JSON text that find a member without building the document.
enum JSONBytes {
  /// The index of the first byte of the value of the first member named `quoted` (the key with
  /// its quotes, at any depth), or nil when no such member is there.
  static func valueStart(after quoted: [UInt8], in bytes: UnsafeRawBufferPointer) -> Int? {
    var from = 0
    while let found = firstRange(of: quoted, in: bytes, from: from) {
      var index = skipSpace(bytes, from: found.upperBound)
      if index < bytes.count, bytes[index] == UInt8(ascii: ":") {
        index = skipSpace(bytes, from: index + 1)
        return index < bytes.count ? index : nil
      }
      from = found.upperBound
    }
    return nil
  }

  /// The bytes of the value of the top-level object's member `key`: one pass that follows
  /// strings (and their escapes) and nesting, so a member of a nested object is not taken.
  static func topLevelMember(_ key: String, in bytes: UnsafeRawBufferPointer) -> Range<Int>? {
    let name = Array(key.utf8)
    var depth = 0
    var index = 0
    while index < bytes.count {
      switch bytes[index] {
      case UInt8(ascii: "\""):
        let end = stringEnd(bytes, from: index)
        guard end < bytes.count else { return nil }
        if depth == 1, bytes[(index + 1)..<end].elementsEqual(name) {
          let colon = skipSpace(bytes, from: end + 1)
          if colon < bytes.count, bytes[colon] == UInt8(ascii: ":") {
            let start = skipSpace(bytes, from: colon + 1)
            return valueEnd(bytes, from: start).map { start..<$0 }
          }
        }
        index = end + 1
      case UInt8(ascii: "{"), UInt8(ascii: "["):
        depth += 1
        index += 1
      case UInt8(ascii: "}"), UInt8(ascii: "]"):
        depth -= 1
        index += 1
      default:
        index += 1
      }
    }
    return nil
  }

  /// The index of the quote that closes the string opening at `start`, or `bytes.count`.
  static func stringEnd(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int {
    var index = start + 1
    while index < bytes.count {
      switch bytes[index] {
      case UInt8(ascii: "\\"): index += 2
      case UInt8(ascii: "\""): return index
      default: index += 1
      }
    }
    return bytes.count
  }

  /// The end (exclusive) of the value starting at `start`: where its nesting closes, or the
  /// next `,` `}` `]` outside it.
  static func valueEnd(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
    var depth = 0
    var index = start
    while index < bytes.count {
      switch bytes[index] {
      case UInt8(ascii: "\""):
        index = stringEnd(bytes, from: index) + 1
        if depth == 0 { return min(index, bytes.count) }
        continue
      case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
      case UInt8(ascii: "}"), UInt8(ascii: "]"):
        if depth == 0 { return index }
        depth -= 1
        if depth == 0 { return index + 1 }
      case UInt8(ascii: ","): if depth == 0 { return index }
      default: break
      }
      index += 1
    }
    return depth == 0 && index > start ? index : nil
  }

  static func skipSpace(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int {
    var index = start
    while index < bytes.count {
      switch bytes[index] {
      case 0x20, 0x09, 0x0A, 0x0D: index += 1
      default: return index
      }
    }
    return index
  }

  static func firstRange(of needle: [UInt8], in bytes: UnsafeRawBufferPointer, from start: Int) -> Range<Int>? {
    guard let first = needle.first, bytes.count >= needle.count else { return nil }
    var index = start
    while index + needle.count <= bytes.count {
      guard let candidate = bytes[index...(bytes.count - needle.count)].firstIndex(of: first) else { return nil }
      if bytes[candidate..<(candidate + needle.count)].elementsEqual(needle) {
        return candidate..<(candidate + needle.count)
      }
      index = candidate + 1
    }
    return nil
  }
}
