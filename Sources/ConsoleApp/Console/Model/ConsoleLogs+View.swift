import ClusterClient
import Views

extension ConsoleLogs {
  /// Adds a passing line to the view where its time puts it: usually last, but a pod followed
  /// just now replays older lines, and streams of several pods arrive slightly out of step.
  mutating func show(_ text: String, at time: LogTimestamp) {
    if let last = shownTimes.last, time < last {
      let index = Self.insertionIndex(of: time, in: shownTimes)
      view.insert(text, before: view.dropped + index)
      shownTimes.insert(time, at: index)
    } else {
      view.append(text)
      shownTimes.append(time)
    }
    // The view drops its oldest lines in batches; the times go with them.
    let excess = shownTimes.count - view.entries.count
    if excess > 0 { shownTimes.removeFirst(excess) }
  }

  /// Shows again the newest kept lines of the shown sources that pass the filter, in time order
  /// (lines of equal time in the order they arrived).
  mutating func refresh(viewport: Int) {
    let lines = buffer.passingLines(last: Self.shownCapacity, from: sources)
    let ordered = lines.map { (line: $0, time: time(of: $0.sequence)) }.enumerated().sorted { lhs, rhs in
      lhs.element.time != rhs.element.time ? lhs.element.time < rhs.element.time : lhs.offset < rhs.offset
    }.map(\.element)
    view.replaceAll(with: ordered.map(\.line.text), viewport: viewport)
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
