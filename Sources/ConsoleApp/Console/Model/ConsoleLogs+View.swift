import ClusterClient
import Views

extension ConsoleLogs {
  /// Adds a passing line to the view where its time puts it: usually last, but a pod followed
  /// just now replays older lines, and streams of several pods arrive slightly out of step.
  mutating func show(_ line: KeptLine) {
    if let last = shownTimes.last, line.time < last {
      let index = Self.insertionIndex(of: line.time, in: shownTimes)
      view.insert(line.entry, before: view.dropped + index)
      shownTimes.insert(line.time, at: index)
    } else {
      view.append(line.entry)
      shownTimes.append(line.time)
    }
    // The view drops its oldest lines in batches; the times go with them.
    let excess = shownTimes.count - view.entries.count
    if excess > 0 { shownTimes.removeFirst(excess) }
  }

  /// Shows again the newest kept lines of the shown sources that pass the filter, in time order
  /// (lines of equal time in the order they arrived).
  mutating func refresh(viewport: Int) {
    let lines = buffer.passingLines(last: Self.shownCapacity, from: sources).map { keptLine($0.sequence) }
    let ordered = lines.enumerated().sorted { lhs, rhs in
      lhs.element.time != rhs.element.time ? lhs.element.time < rhs.element.time : lhs.offset < rhs.offset
    }.map(\.element)
    view.replaceAll(with: ordered.map(\.entry), viewport: viewport)
    shownTimes = ordered.map(\.time)
    let excess = shownTimes.count - view.entries.count
    if excess > 0 { shownTimes.removeFirst(excess) }
  }

  /// The index after every time not later than `time`.
  static func insertionIndex(of time: LogTimestamp, in times: [LogTimestamp]) -> Int {
    var low = 0
    var high = times.count
    while low < high {
      let middle = (low + high) / 2
      if times[middle] > time { high = middle } else { low = middle + 1 }
    }
    return low
  }
}
