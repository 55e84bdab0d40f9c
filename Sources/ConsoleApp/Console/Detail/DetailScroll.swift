import Views

/// Where a detail, YAML or describe view is scrolled to: the first line shown and the columns
/// skipped. Kept by the app state per view; the views clamp it, so a stale value never shows a
/// blank screen after the content shrank.
struct DetailScroll: Hashable, Sendable {
  /// The first content line shown.
  var top = 0
  /// Columns skipped at the left (YAML and describe only; the detail pane fits its width).
  var left = 0

  /// Columns one press of ← or → moves.
  static let horizontalStep = 8

  /// This scroll kept inside content of `contentHeight` lines seen through `viewport` rows.
  func clamped(contentHeight: Int, viewport: Int) -> DetailScroll {
    DetailScroll(top: min(max(0, top), max(0, contentHeight - viewport)), left: max(0, left))
  }

  /// Moves for a key: `j`/`k`/arrows by a line, page up/down (and space) by a page, `g`/`G`
  /// and home/end to either end, ←/→ sideways. Returns whether the key was a scroll key.
  mutating func handle(_ key: KeyEvent, contentHeight: Int, viewport: Int) -> Bool {
    let page = max(1, viewport - 1)
    switch key.key {
    case .down, .char("j"): top += 1
    case .up, .char("k"): top -= 1
    case .pageDown, .char(" "): top += page
    case .pageUp: top -= page
    case .home, .char("g"): top = 0
    case .end, .char("G"): top = contentHeight
    case .left: left -= Self.horizontalStep
    case .right: left += Self.horizontalStep
    default: return false
    }
    self = clamped(contentHeight: contentHeight, viewport: viewport)
    return true
  }
}
