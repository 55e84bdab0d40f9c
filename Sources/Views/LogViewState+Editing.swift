extension LogViewState {
  /// Inserts a line before the line numbered `line` (absolute): a merged log's late line that
  /// belongs among older ones. The lines on screen stay put when paused, and the current match
  /// stays on the same line.
  public mutating func insert(_ entry: LogEntry, before line: Int) {
    let index = min(max(0, line - dropped), entries.count)
    entries.insert(entry, at: index)
    let inserted = dropped + index
    if !follow, top > inserted { top += 1 }
    if let match = currentMatch, match >= inserted { currentMatch = match + 1 }
    trimToCapacity()
  }

  /// Replaces every line (the same log seen through another filter), keeping how it is looked at:
  /// follow, wrap, horizontal scroll and the search text. A paused view shows the newest lines.
  public mutating func replaceAll(with lines: [LogEntry], viewport: Int) {
    var fresh = LogViewState(capacity: capacity)
    fresh.wrap = wrap
    fresh.horizontalOffset = horizontalOffset
    fresh.append(contentsOf: lines)
    fresh.top = max(fresh.dropped, fresh.endLine - viewport)
    fresh.follow = follow
    if !search.isEmpty {
      fresh.search = search
      if !follow { fresh.setSearch(search, viewport: viewport) }
    }
    self = fresh
  }
}
