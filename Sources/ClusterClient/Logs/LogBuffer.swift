/// The last lines of a log view and the ones its filter passes: a bounded store, filtered as lines
/// arrive (each new line is checked once) and re-filtered in one pass when the filter changes. While
/// paused, lines are still kept but not filtered or shown until `resume()`.
///
/// Lines are stored in chunks of contiguous bytes, so a re-filter by correlation ID searches them
/// with `memmem` the way `grep -F` searches a file, and parses only the lines that hold the ID.
public struct LogBuffer: Sendable {
  /// One kept line.
  public struct Line: Sendable, Equatable {
    /// Its position in everything appended, counting from 0.
    public var sequence: Int
    /// Where it came from, if known.
    public var source: LogSource?
    /// The line as received.
    public var text: String
  }

  /// How many lines are kept at least; older ones are dropped a chunk at a time.
  public let capacity: Int
  /// The filter applied to the kept lines.
  public private(set) var filter: LogFilter
  /// Whether new lines wait, unfiltered, for `resume()`.
  public private(set) var isPaused = false
  private let chunkLines: Int
  private var chunks: [LogBufferChunk] = []
  private var sourceTable: [LogSource] = []
  private var sourceIndex: [LogSource: Int32] = [:]
  /// The sequence numbers of the kept lines that pass the filter, oldest first.
  private var passing: [Int] = []
  /// Lines before this sequence number have been filtered.
  private var filteredThrough = 0
  /// The sequence number the next line will get.
  public private(set) var nextSequence = 0

  /// A buffer keeping about `capacity` lines: at most one chunk more (an eighth of `capacity`, at
  /// least 16 and at most 8,192 lines).
  public init(capacity: Int = 10_000, filter: LogFilter = .all) {
    self.capacity = max(1, capacity)
    self.filter = filter
    chunkLines = min(8192, max(16, self.capacity / 8))
  }

  /// The sequence number of the oldest kept line.
  public var firstSequence: Int { chunks.first?.firstSequence ?? nextSequence }
  /// How many lines are kept.
  public var count: Int { nextSequence - firstSequence }
  /// How many kept lines pass the filter (as of the last filtering, when paused).
  public var matchCount: Int { passing.count }
  /// How many lines arrived since `pause()` and are not filtered yet.
  public var pendingCount: Int { nextSequence - filteredThrough }

  /// Keeps a line; it is filtered at once unless the buffer is paused.
  public mutating func append(_ text: String, source: LogSource? = nil) {
    if chunks.isEmpty || chunks[chunks.count - 1].count >= chunkLines {
      chunks.append(LogBufferChunk(firstSequence: nextSequence, reservingBytes: chunkLines * 256))
    }
    let tag = index(of: source)
    chunks[chunks.count - 1].append(text, source: tag)
    nextSequence += 1
    if !isPaused { filterPending() }
    evict()
  }

  /// Keeps a record's line, with its source.
  public mutating func append(_ record: LogRecord) { append(record.text, source: record.source) }

  /// Replaces the filter and filters every kept line again (those waiting while paused included).
  public mutating func setFilter(_ filter: LogFilter) {
    self.filter = filter
    passing = matches(filter)
    filteredThrough = nextSequence
  }

  /// Stops filtering new lines until `resume()`; they are still kept.
  public mutating func pause() { isPaused = true }

  /// Filters the lines that arrived while paused and goes on filtering as they come.
  public mutating func resume() {
    isPaused = false
    filterPending()
  }

  /// The kept lines that pass the filter, oldest first; `last` limits them to the newest ones.
  public func passingLines(last: Int? = nil) -> [Line] {
    passing.suffix(last ?? passing.count).compactMap { line($0) }
  }

  /// The newest `last` kept lines that pass the filter and came from one of `sources`, oldest
  /// first: a view of some sources of a buffer shared by many. A line's source is checked before
  /// its text is read, so lines of other sources cost little.
  public func passingLines(last: Int, from sources: Set<LogSource>) -> [Line] {
    let tags = Set(sources.compactMap { sourceIndex[$0] })
    var found: [Line] = []
    var chunkIndex = chunks.count - 1
    for sequence in passing.reversed() where found.count < last {
      while chunkIndex > 0, chunks[chunkIndex].firstSequence > sequence { chunkIndex -= 1 }
      guard chunkIndex >= 0 else { break }
      let chunk = chunks[chunkIndex]
      let index = sequence - chunk.firstSequence
      let tag = chunk.source(of: index)
      guard tag >= 0, tags.contains(tag) else { continue }
      found.append(Line(sequence: sequence, source: sourceTable[Int(tag)], text: chunk.text(of: index)))
    }
    return found.reversed()
  }

  /// The kept line with this sequence number.
  public func line(_ sequence: Int) -> Line? {
    guard let chunk = chunks.last(where: { $0.firstSequence <= sequence }), sequence < nextSequence,
      sequence >= firstSequence
    else { return nil }
    let index = sequence - chunk.firstSequence
    let source = chunk.source(of: index)
    return Line(sequence: sequence, source: source < 0 ? nil : sourceTable[Int(source)], text: chunk.text(of: index))
  }

  /// The sequence numbers of every kept line that `filter` passes, oldest first: one pass over
  /// the chunks, searching bytes first (what the benchmark times against `grep -F`).
  public func matches(_ filter: LogFilter) -> [Int] {
    chunks.flatMap { chunk in chunk.matches(filter).map { chunk.firstSequence + $0 } }
  }

  private mutating func filterPending() {
    defer { filteredThrough = nextSequence }
    // Usually only the last chunk holds unfiltered lines: look back just as far as needed.
    var first = chunks.count
    while first > 0, chunks[first - 1].firstSequence + chunks[first - 1].count > filteredThrough { first -= 1 }
    for chunk in chunks[first...] {
      let start = max(0, filteredThrough - chunk.firstSequence)
      passing += chunk.matches(filter, from: start).map { chunk.firstSequence + $0 }
    }
  }

  private mutating func evict() {
    while let oldest = chunks.first, count - oldest.count >= capacity {
      chunks.removeFirst()
      let first = firstSequence
      if let keep = passing.firstIndex(where: { $0 >= first }) {
        passing.removeFirst(keep)
      } else {
        passing.removeAll()
      }
      filteredThrough = max(filteredThrough, first)
    }
  }

  private mutating func index(of source: LogSource?) -> Int32 {
    guard let source else { return -1 }
    if let known = sourceIndex[source] { return known }
    let index = Int32(sourceTable.count)
    sourceTable.append(source)
    sourceIndex[source] = index
    return index
  }
}
