/// A mouse event (SGR 1006 encoding); coordinates are zero-based cells.
public enum MouseEvent: Hashable, Sendable {
  /// Wheel scrolled up.
  case wheelUp(x: Int, y: Int)
  /// Wheel scrolled down.
  case wheelDown(x: Int, y: Int)
  /// A button (0 left, 1 middle, 2 right) pressed.
  case press(button: Int, x: Int, y: Int)
  /// A button released.
  case release(x: Int, y: Int)
}

/// Everything the UI loop reacts to.
public enum InputEvent: Hashable, Sendable {
  /// A key press.
  case key(KeyEvent)
  /// Text pasted with bracketed paste (delivered whole, never as key presses).
  case paste(String)
  /// A mouse event.
  case mouse(MouseEvent)
  /// The terminal changed size.
  case resize(Size)
  /// Another thread asked for a redraw (new data arrived).
  case wake
  /// The periodic tick the application asked for.
  case tick
  /// SIGTERM, SIGINT or SIGHUP arrived: restore the terminal and exit.
  case terminate(signal: Int32)
}

extension InputEvent {
  /// Keys, pastes, mouse and resizes: what a person did, which deserves a frame at once.
  public var isUserInput: Bool {
    switch self {
    case .key, .paste, .mouse, .resize: true
    case .wake, .tick, .terminate: false
    }
  }
}
