/// What an application asks of the loop after an event.
public enum AppCommand: Hashable, Sendable {
  /// Redraw if anything changed (the loop redraws after every handled batch).
  case redraw
  /// Nothing changed; no redraw needed.
  case ignore
  /// Leave the loop with this exit code.
  case quit(Int32)
  /// Hand the terminal to another program for a while (an editor): the loop restores the
  /// terminal, calls `runSuspended()`, then takes the screen back and redraws it whole.
  case suspend
}

/// An application driven by `TerminalSession`: it handles events and renders frames.
///
/// `handle` is the only place state changes; `render` is a pure function of the state.
public protocol TerminalApplication {
  /// Milliseconds between `.tick` events, or nil for none.
  var tickInterval: Int32? { get }
  /// Whether to drop colour entirely (a `mono` theme).
  var monochrome: Bool { get }
  /// Called once the loop runs, with the waker other threads can use to request a redraw.
  mutating func started(waker: Waker)
  /// Handles one event.
  mutating func handle(_ event: InputEvent) -> AppCommand
  /// Draws the whole screen (only called when the terminal is at least the minimum size).
  func render(into buffer: inout ScreenBuffer, area: Rect)
  /// Called after each frame reached the terminal (for latency tracing).
  mutating func presented()
  /// Runs, on the UI thread with the terminal restored to normal, what `.suspend` was asked for.
  mutating func runSuspended()
}

extension TerminalApplication {
  /// No ticks by default.
  public var tickInterval: Int32? { nil }
  /// Colour by default.
  public var monochrome: Bool { false }
  /// Nothing to do by default.
  public mutating func started(waker: Waker) {}
  /// Nothing to do by default.
  public mutating func presented() {}
  /// Nothing to do by default.
  public mutating func runSuspended() {}
}
