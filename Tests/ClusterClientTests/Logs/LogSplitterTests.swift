import ClusterClient
import Testing

@Suite("LogLineSplitter")
struct LogSplitterTests {
  static let sample = Array("alpha\r\nβeta ✓\n{\"k\":1}\r\n\nlast".utf8)
  static let sampleLines = ["alpha", "βeta ✓", "{\"k\":1}", "", "last"]

  static func lines(_ chunks: [[UInt8]], maximum: Int = 1 << 20) -> [String] {
    var splitter = LogLineSplitter(maximumLineBytes: maximum)
    var lines = chunks.flatMap { splitter.split($0) }
    if let last = splitter.finish() { lines.append(last) }
    return lines
  }

  @Test("gives the same lines wherever one or two chunk boundaries fall")
  func everyBoundary() {
    let bytes = Self.sample
    for first in 0...bytes.count {
      for second in first...bytes.count {
        let chunks = [Array(bytes[..<first]), Array(bytes[first..<second]), Array(bytes[second...])]
        #expect(Self.lines(chunks) == Self.sampleLines, "cut at \(first) and \(second)")
      }
    }
  }

  @Test("gives the same lines fed one byte at a time")
  func byteByByte() {
    #expect(Self.lines(Self.sample.map { [$0] }) == Self.sampleLines)
  }

  @Test("ends lines at LF and CRLF; a lone CR stays in the line")
  func lineEnds() {
    #expect(Self.lines([Array("a\nb\r\nc\rd\n\r\n".utf8)]) == ["a", "b", "c\rd", ""])
  }

  @Test(
    "replaces invalid UTF-8 with U+FFFD",
    arguments: [
      ([0x61, 0xFF, 0x62, 0x0A], "a\u{FFFD}b"), ([0xE2, 0x9C, 0x0A], "\u{FFFD}"),
      ([0xC3, 0x0A, 0xA9, 0x0A], "\u{FFFD}"), ([0xED, 0xA0, 0x80, 0x0A], "\u{FFFD}\u{FFFD}\u{FFFD}"),
    ] as [([UInt8], String)])
  func invalidUTF8(bytes: [UInt8], expected: String) {
    #expect(Self.lines([bytes]).first == expected)
  }

  @Test("truncates a 2 MiB line to 1 MiB plus a marker and goes on with the next line")
  func longLine() {
    var splitter = LogLineSplitter()
    var lines: [String] = []
    let chunk = [UInt8](repeating: UInt8(ascii: "x"), count: 64 * 1024)
    for _ in 0..<32 { lines += splitter.split(chunk) }
    #expect(lines.isEmpty)
    lines += splitter.split(Array("\r\nnext\n".utf8))
    #expect(lines.count == 2)
    #expect(lines[0] == String(repeating: "x", count: 1 << 20) + " … [truncated 1048576 bytes]")
    #expect(lines[1] == "next")
    #expect(!splitter.hasPartialLine)
  }

  @Test(
    "counts dropped bytes exactly, cutting before a split character",
    arguments: [
      ("abcd", "abcd"), ("abcde", "abcd … [truncated 1 bytes]"), ("abcdé", "abcd … [truncated 2 bytes]"),
      ("abcé", "abc … [truncated 2 bytes]"), ("ab✓cd", "ab … [truncated 5 bytes]"),
    ])
  func truncationCounts(line: String, expected: String) {
    #expect(Self.lines([Array((line + "\r\n").utf8)], maximum: 4) == [expected])
    let split = Array((line + "\r\n").utf8).map { [$0] }
    #expect(Self.lines(split, maximum: 4) == [expected])
  }

  @Test("a final line without a newline comes out at the end of the stream, once")
  func finalPartialLine() {
    var splitter = LogLineSplitter()
    #expect(splitter.split(Array("a\nb".utf8)) == ["a"])
    #expect(splitter.hasPartialLine)
    #expect(splitter.finish() == "b")
    #expect(splitter.finish() == nil)
    #expect(splitter.split(Array("c\n".utf8)) == ["c"])
    #expect(splitter.finish() == nil)
  }

  @Test("a final over-long line without a newline is truncated too")
  func finalLongLine() {
    #expect(Self.lines([Array("abcdefgh".utf8)], maximum: 4) == ["abcd … [truncated 4 bytes]"])
  }
}
