/// Turns a byte stream cut into arbitrary chunks into text lines: a line may span chunks, ends at
/// LF or CRLF, has invalid UTF-8 replaced by U+FFFD, and past `maximumLineBytes` keeps only its
/// start plus a marker saying how much was dropped — the rest is counted, never buffered, so one
/// runaway line cannot hold memory.
public struct LogLineSplitter: Sendable {
  /// The most bytes of one line that are kept (the marker comes on top).
  public let maximumLineBytes: Int
  private var pending: [UInt8] = []
  private var droppedBytes = 0
  private var droppedEndsWithCR = false

  /// A splitter that keeps at most `maximumLineBytes` (1 MiB by default, at least 4) of a line.
  public init(maximumLineBytes: Int = 1 << 20) {
    self.maximumLineBytes = max(4, maximumLineBytes)
  }

  /// The marker that replaces the end of a line over the limit.
  public static func truncationMarker(droppedBytes: Int) -> String { " … [truncated \(droppedBytes) bytes]" }

  /// The lines that `chunk` completes, in order; an unfinished line waits for the next chunk.
  public mutating func split(_ chunk: some BidirectionalCollection<UInt8>) -> [String] {
    var lines: [String] = []
    var rest = chunk[...]
    while let newline = rest.firstIndex(of: UInt8(ascii: "\n")) {
      if pending.isEmpty, droppedBytes == 0, rest.distance(from: rest.startIndex, to: newline) <= maximumLineBytes {
        lines.append(Self.decode(rest[..<newline]))
      } else {
        keep(rest[..<newline])
        lines.append(takeLine())
      }
      rest = rest[rest.index(after: newline)...]
    }
    keep(rest)
    return lines
  }

  /// The unfinished last line at the end of the stream, if there is one; the splitter is then empty.
  public mutating func finish() -> String? {
    guard !pending.isEmpty || droppedBytes > 0 else { return nil }
    return takeLine()
  }

  /// Whether part of a line is waiting for its end.
  public var hasPartialLine: Bool { !pending.isEmpty || droppedBytes > 0 }

  private mutating func keep(_ bytes: some BidirectionalCollection<UInt8>) {
    guard !bytes.isEmpty else { return }
    let room = maximumLineBytes - pending.count
    if droppedBytes == 0, bytes.count <= room {
      pending.append(contentsOf: bytes)
      return
    }
    let kept = droppedBytes == 0 ? max(0, room) : 0
    pending.append(contentsOf: bytes.prefix(kept))
    droppedBytes += bytes.count - kept
    if bytes.count > kept { droppedEndsWithCR = bytes.last == UInt8(ascii: "\r") }
  }

  private mutating func takeLine() -> String {
    defer {
      pending.removeAll(keepingCapacity: pending.count <= 4096)
      droppedBytes = 0
      droppedEndsWithCR = false
    }
    // The CR of a CRLF is not part of the line, wherever it ended up.
    let dropped = droppedBytes - (droppedEndsWithCR ? 1 : 0)
    guard dropped > 0 else { return Self.decode(pending[...]) }
    let cut = Self.scalarBoundary(pending)
    return Self.decode(pending[..<cut]) + Self.truncationMarker(droppedBytes: dropped + pending.count - cut)
  }

  /// Where to cut `bytes` so that no UTF-8 sequence is split: before a trailing incomplete one.
  private static func scalarBoundary(_ bytes: [UInt8]) -> Int {
    var cut = bytes.count
    while cut > 0, bytes.count - cut < 3, bytes[cut - 1] & 0xC0 == 0x80 { cut -= 1 }
    guard cut > 0 else { return bytes.count }
    let lead = bytes[cut - 1]
    let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
    return bytes.count - (cut - 1) < length ? cut - 1 : bytes.count
  }

  private static func decode(_ bytes: some Collection<UInt8>) -> String {
    var text = String(decoding: bytes, as: UTF8.self)
    if text.utf8.last == UInt8(ascii: "\r") { text.removeLast() }
    return text
  }
}
