/// A run of consecutive log lines stored in one byte array, each followed by a newline, so that a
/// filter can search many lines with one `memmem` call, as `grep` searches a file.
struct LogBufferChunk: Sendable {
  /// The sequence number of the first line.
  let firstSequence: Int
  /// The lines' UTF-8, each ended by `\n`.
  private(set) var bytes: [UInt8] = []
  /// Where each line ends (its newline's offset).
  private(set) var ends: [Int] = []
  /// The index into the buffer's source table of each line (-1 for none).
  private(set) var sources: [Int32] = []

  init(firstSequence: Int, reservingBytes: Int) {
    self.firstSequence = firstSequence
    bytes.reserveCapacity(reservingBytes)
  }

  /// How many lines the chunk holds.
  var count: Int { ends.count }

  /// Adds a line; a newline inside `text` is stored as a space, so one line stays one line.
  mutating func append(_ text: String, source: Int32) {
    let start = bytes.count
    bytes.append(contentsOf: text.utf8)
    for index in start..<bytes.count where bytes[index] == UInt8(ascii: "\n") { bytes[index] = UInt8(ascii: " ") }
    ends.append(bytes.count)
    bytes.append(UInt8(ascii: "\n"))
    sources.append(source)
  }

  /// The byte range of line `index` (without its newline).
  func range(of index: Int) -> Range<Int> { (index == 0 ? 0 : ends[index - 1] + 1)..<ends[index] }

  /// The text of line `index`.
  func text(of index: Int) -> String { String(decoding: bytes[range(of: index)], as: UTF8.self) }

  /// The source index of line `index`.
  func source(of index: Int) -> Int32 { sources[index] }

  /// The indices of the lines `filter` passes, starting at line `from`.
  func matches(_ filter: LogFilter, from start: Int = 0) -> [Int] {
    guard start < count else { return [] }
    guard !filter.isEmpty else { return Array(start..<count) }
    guard let anchor = filter.anchor else {
      return (start..<count).filter { filter.matches(text(of: $0)) }
    }
    return bytes.withUnsafeBytes { raw in
      var found: [Int] = []
      var offset = range(of: start).lowerBound
      // Only lines holding the anchor's bytes are looked at; everything else is skipped at memmem's pace.
      while let hit = ByteSearch.first(anchor, in: raw, from: offset) {
        let index = line(at: hit)
        if filter.matches(text(of: index)) { found.append(index) }
        offset = ends[index] + 1
      }
      return found
    }
  }

  /// The line holding byte `offset`.
  private func line(at offset: Int) -> Int {
    var low = 0
    var high = ends.count - 1
    while low < high {
      let middle = (low + high) / 2
      if ends[middle] < offset { low = middle + 1 } else { high = middle }
    }
    return low
  }
}
