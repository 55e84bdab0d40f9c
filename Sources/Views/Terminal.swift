/// A place frames are shown: the real terminal through ncurses, or an in-memory grid for tests.
///
/// A terminal is used from one thread only (the UI thread); it is deliberately not `Sendable`.
public protocol Terminal: AnyObject {
  /// The current size in cells.
  var size: Size { get }
  /// The colours the terminal can show.
  var colorMode: ColorMode { get }
  /// Shows `frame`, writing only the cells that changed since the last frame; returns the bytes written.
  @discardableResult func present(_ frame: ScreenBuffer) -> Int
  /// Forgets what is on screen so the next `present` repaints everything.
  func invalidate()
}
