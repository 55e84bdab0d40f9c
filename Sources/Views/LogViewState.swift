/// The lines of a log view and how the user looks at them: follow or paused, wrap or horizontal
/// scroll, and a search with a current match. Keeps at most `capacity` lines.
public struct LogViewState: Sendable {
  /// Lines kept at most; older ones are dropped.
  public var capacity: Int
  /// The lines kept, oldest first.
  public internal(set) var entries: [LogEntry] = []
  /// How many lines were dropped from the front since creation (line numbers are absolute).
  public internal(set) var dropped = 0
  /// Whether the view sticks to the newest line.
  public var follow = true
  /// Whether long lines wrap (otherwise they scroll horizontally).
  public var wrap = false
  /// Columns scrolled to the right (no-wrap mode).
  public internal(set) var horizontalOffset = 0
  /// Absolute number of the top line when not following.
  public internal(set) var top = 0
  /// The search text; empty for none.
  public internal(set) var search = ""
  /// Absolute number of the line holding the current match.
  public internal(set) var currentMatch: Int?

  /// An empty log keeping at most `capacity` lines.
  public init(capacity: Int = 10_000) {
    self.capacity = max(1, capacity)
  }

  /// Absolute number one past the newest line.
  public var endLine: Int { dropped + entries.count }

  /// Appends one line.
  public mutating func append(_ entry: LogEntry) {
    entries.append(entry)
    trimToCapacity()
  }

  /// Appends lines.
  public mutating func append(contentsOf lines: [LogEntry]) {
    entries.append(contentsOf: lines)
    trimToCapacity()
  }

  /// The line with absolute number `line`, if still kept.
  public func entry(at line: Int) -> LogEntry? {
    let i = line - dropped
    return entries.indices.contains(i) ? entries[i] : nil
  }

  /// Scrolls by `delta` lines; scrolling up pauses following, reaching the end resumes it.
  public mutating func scroll(by delta: Int, viewport: Int) {
    let start = follow ? max(dropped, endLine - viewport) : top
    let lastTop = max(dropped, endLine - viewport)
    top = min(max(dropped, start + delta), lastTop)
    follow = delta > 0 && top >= lastTop
  }

  /// Scrolls sideways (no-wrap mode).
  public mutating func scrollHorizontally(by delta: Int) {
    horizontalOffset = max(0, horizontalOffset + delta)
  }

  /// Pauses or resumes following.
  public mutating func toggleFollow(viewport: Int) {
    if follow {
      top = max(dropped, endLine - viewport)
      follow = false
    } else {
      follow = true
    }
  }

  /// Switches between wrapping and horizontal scrolling.
  public mutating func toggleWrap() {
    wrap.toggle()
    horizontalOffset = 0
  }

  /// Drops the oldest lines beyond `capacity`, in batches so that removal from the front is rare.
  mutating func trimToCapacity() {
    let excess = entries.count - capacity
    guard excess > 0, excess >= capacity / 8 || excess > 512 || capacity < 64 else { return }
    entries.removeFirst(excess)
    dropped += excess
    top = max(top, dropped)
    if let match = currentMatch, match < dropped { currentMatch = nil }
  }
}
