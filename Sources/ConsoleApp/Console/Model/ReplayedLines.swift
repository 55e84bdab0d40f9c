import ClusterClient

/// Recognises the lines a pod's log repeats when it is followed again (a new stream starts with
/// the log's last lines, some of them kept already), by the write time of each source's newest
/// kept line. Lines written in one batch share one write time, so the texts kept at that time are
/// remembered too: a new line of the same batch is not a repeat.
struct ReplayedLines: Sendable {
  private struct Newest: Sendable {
    var time: LogTimestamp
    var texts: Set<String>
  }

  private var newest: [LogSource: Newest] = [:]

  /// Whether `record` was seen already; remembers it when not. A line without a write time is
  /// never taken for a repeat.
  mutating func isRepeat(_ record: LogRecord) -> Bool {
    guard let written = record.timestamp else { return false }
    guard let seen = newest[record.source], written <= seen.time else {
      newest[record.source] = Newest(time: written, texts: [record.text])
      return false
    }
    if written < seen.time { return true }
    return newest[record.source]?.texts.insert(record.text).inserted == false
  }
}
