import ClusterClient

/// Records from several sources kept in time order (`LogRecord.time`), the newest `capacity`:
/// a late line from a slow stream is inserted where it belongs rather than appended.
struct MergedLog: Sendable {
  /// How many records are kept at most.
  let capacity: Int
  /// The kept records, oldest first.
  private(set) var records: [LogRecord] = []

  /// An empty log keeping at most `capacity` records.
  init(capacity: Int) {
    self.capacity = max(1, capacity)
  }

  /// Inserts `record` after every record of the same or an earlier time; a record without a
  /// time goes last. Drops the oldest records beyond `capacity`.
  mutating func insert(_ record: LogRecord) {
    records.insert(record, at: position(for: record.time))
    // Dropping in batches keeps the cost of removal from the front rare.
    if records.count > capacity + capacity / 8 { records.removeFirst(records.count - capacity) }
  }

  /// The newest `capacity` records, oldest first.
  var kept: ArraySlice<LogRecord> { records.suffix(capacity) }

  private func position(for time: LogTimestamp?) -> Int {
    guard let time else { return records.count }
    var low = 0
    var high = records.count
    while low < high {
      let middle = (low + high) / 2
      if let other = records[middle].time, other > time { high = middle } else { low = middle + 1 }
    }
    return low
  }

  /// Merges finished reads into time order, keeping each source's order among equal times.
  static func sorted(_ records: [LogRecord]) -> [LogRecord] {
    records.enumerated().sorted { lhs, rhs in
      let left = lhs.element.time ?? LogTimestamp(seconds: .max)
      let right = rhs.element.time ?? LogTimestamp(seconds: .max)
      return left != right ? left < right : lhs.offset < rhs.offset
    }.map(\.element)
  }
}
