/// A key, without modifiers.
public enum Key: Hashable, Sendable {
  /// A printable character (letters keep their case; ctrl-a is `.char("a")` with `.ctrl`).
  case char(Character)
  /// Enter / Return.
  case enter
  /// Tab (shift-tab is `.backTab`).
  case tab
  /// Shift-Tab.
  case backTab
  /// Backspace.
  case backspace
  /// Delete (forward).
  case delete
  /// Insert.
  case insert
  /// Escape.
  case escape
  /// Arrow up.
  case up
  /// Arrow down.
  case down
  /// Arrow left.
  case left
  /// Arrow right.
  case right
  /// Home.
  case home
  /// End.
  case end
  /// Page up.
  case pageUp
  /// Page down.
  case pageDown
  /// A function key, F1 = 1.
  case function(Int)
}
