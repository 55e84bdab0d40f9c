extension LogViewState {
  /// Sets the search text and jumps to the newest line that matches.
  public mutating func setSearch(_ text: String, viewport: Int) {
    search = text
    currentMatch = nil
    guard !text.isEmpty else { return }
    if let line = findMatch(from: endLine - 1, step: -1) { show(line, viewport: viewport) }
  }

  /// Moves to the next matching line below the current one (wrapping around).
  public mutating func nextMatch(viewport: Int) {
    moveMatch(step: 1, viewport: viewport)
  }

  /// Moves to the previous matching line above the current one (wrapping around).
  public mutating func previousMatch(viewport: Int) {
    moveMatch(step: -1, viewport: viewport)
  }

  private mutating func moveMatch(step: Int, viewport: Int) {
    guard !search.isEmpty, !entries.isEmpty else { return }
    let start = (currentMatch ?? (step > 0 ? dropped - 1 : endLine)) + step
    let wrapped = step > 0 ? dropped : endLine - 1
    if let line = findMatch(from: start, step: step) ?? findMatch(from: wrapped, step: step) {
      show(line, viewport: viewport)
    }
  }

  private func findMatch(from start: Int, step: Int) -> Int? {
    let needle = search.lowercased()
    var line = start
    while line >= dropped && line < endLine {
      if let entry = entry(at: line), entry.text.lowercased().contains(needle) { return line }
      line += step
    }
    return nil
  }

  /// Pauses and scrolls so `line` is visible, making it the current match.
  private mutating func show(_ line: Int, viewport: Int) {
    currentMatch = line
    follow = false
    if line < top || line >= top + viewport {
      top = max(dropped, min(line - viewport / 2, endLine - viewport))
    }
  }
}
