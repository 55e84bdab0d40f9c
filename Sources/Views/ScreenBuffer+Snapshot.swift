extension ScreenBuffer {
  /// The text of every row (continuation cells skipped), for whole-screen comparisons in tests.
  public func lines() -> [String] {
    (0..<height).map { line($0) }
  }

  /// The text of one row.
  public func line(_ row: Int) -> String {
    var text = ""
    text.reserveCapacity(width)
    for col in 0..<width {
      let cell = cells[row * width + col]
      if !cell.isContinuation { text += cell.symbol }
    }
    return text
  }

  /// The text of every row with trailing blanks removed.
  public func trimmedLines() -> [String] {
    lines().map { line in
      var s = Substring(line)
      while s.last == " " { s = s.dropLast() }
      return String(s)
    }
  }

  /// A copy of `rect` as its own buffer (for snapshotting one widget).
  public func cropped(to rect: Rect) -> ScreenBuffer {
    let r = rect.intersection(area)
    var out = ScreenBuffer(width: r.width, height: r.height)
    for row in 0..<r.height {
      for col in 0..<r.width {
        out.cells[row * r.width + col] = self[x: r.x + col, y: r.y + row]
      }
    }
    return out
  }
}
