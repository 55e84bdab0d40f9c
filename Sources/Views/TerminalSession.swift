import Foundation

/// Runs a `TerminalApplication` on the real terminal, on the calling thread (the main thread or a
/// dedicated `Thread`, never a `Task`): it polls input, delivers events, redraws at most every
/// `frameInterval` milliseconds when something changed, shows a "too small" screen below the
/// minimum size, and restores the terminal on every way out (quit, error, SIGINT/SIGTERM/SIGHUP;
/// fatal signals are handled in `TerminalSignals`).
public enum TerminalSession {
  /// Milliseconds between two frames at most (about 30 frames a second).
  public static let frameInterval: Int32 = 33

  /// Runs `app` until it quits or a termination signal arrives; returns the exit code
  /// (128 + signal number after a signal).
  public static func run<App: TerminalApplication>(
    _ app: inout App, minimumSize: Size = ViewsModule.minimumSize, theme: Theme = .default,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws(TerminalError) -> Int32 {
    let loop = try InputLoop()
    let terminal = try NCursesTerminal(loop: loop, monochrome: app.monochrome, environment: environment)
    defer { terminal.restore() }
    app.started(waker: loop.waker)
    _ = app.handle(.resize(terminal.size))
    var frame = ScreenBuffer(size: terminal.size)
    var clock = TickClock(interval: app.tickInterval)
    var pacer = FramePacer(interval: .milliseconds(Int(frameInterval)))
    var dirty = true
    // A terminal may still be reflowing its own copy of the screen after the size it reports
    // changed, and a burst of resizes can leave the last signal taken early: one more full
    // repaint at the size read again, shortly after the last resize, heals both.
    var repaintAfterResize: ContinuousClock.Instant?
    while true {
      if dirty, pacer.mayDraw() {
        draw(app, into: &frame, terminal: terminal, minimumSize: minimumSize, theme: theme)
        app.presented()
        pacer.drew()
        dirty = false
      }
      var timeout = dirty ? pacer.timeout(before: clock.timeout()) : clock.timeout()
      if let due = repaintAfterResize { timeout = Self.milliseconds(until: due, before: timeout) }
      var events = loop.next(timeoutMs: timeout)
      if clock.isDue() { events.append(.tick) }
      if let due = repaintAfterResize, ContinuousClock.now >= due {
        repaintAfterResize = nil
        // The size as it is now, for the app too: in a burst of resizes a signal can be taken
        // before the terminal's last size change, leaving both a step behind.
        dirty = true
        if case .quit(let code) = app.handle(.resize(terminal.updateSize())) { return code }
      }
      for var event in events {
        if case .terminate(let signal) = event { return 128 + signal }
        if case .resize = event {
          event = .resize(terminal.updateSize())
          dirty = true
          repaintAfterResize = .now + .milliseconds(200)
        }
        // What the user did is answered at once; what the world did waits for the next frame slot.
        if event.isUserInput { pacer.hurry() }
        switch app.handle(event) {
        case .quit(let code): return code
        case .redraw: dirty = true
        case .ignore: break
        case .suspend:
          if let code = suspend(&app, terminal: terminal) { return code }
          dirty = true
        }
      }
    }
  }

  /// Lends the terminal to `app.runSuspended()` and takes it back, as often as the app asks in a
  /// row; returns an exit code when the app quit or a termination signal arrived meanwhile. A
  /// Ctrl-C typed in the editor reaches this process too (same process group) and is dropped:
  /// it was meant for the editor.
  private static func suspend<App: TerminalApplication>(_ app: inout App, terminal: NCursesTerminal) -> Int32? {
    var command = AppCommand.suspend
    while command == .suspend {
      terminal.suspend()
      app.runSuspended()
      terminal.resume()
      if let signal = TerminalSignals.takePendingTermination(), signal != SIGINT { return 128 + signal }
      command = app.handle(.resize(terminal.updateSize()))
    }
    if case .quit(let code) = command { return code }
    return nil
  }

  /// Milliseconds until `instant`, or `other` if that is sooner (-1 in `other` means none).
  static func milliseconds(until instant: ContinuousClock.Instant, before other: Int32) -> Int32 {
    let left = ContinuousClock.now.duration(to: instant)
    let milliseconds = max(
      0, Int32(left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000))
    return other < 0 ? milliseconds : min(milliseconds, other)
  }

  static func draw<App: TerminalApplication>(
    _ app: App, into frame: inout ScreenBuffer, terminal: Terminal, minimumSize: Size, theme: Theme
  ) {
    frame.reset(to: terminal.size)
    if terminal.size.fits(minimumSize) {
      app.render(into: &frame, area: frame.area)
    } else {
      TooSmallScreen.render(into: &frame, area: frame.area, minimum: minimumSize, theme: theme)
    }
    terminal.present(frame)
  }
}

/// Keeps redraws to at most one per interval, except that user input is answered at once: a
/// stream of cluster changes then costs about 30 frames a second, not one per change.
struct FramePacer {
  let interval: Duration
  private var last: ContinuousClock.Instant?
  private var urgent = false

  init(interval: Duration) { self.interval = interval }

  /// Whether a frame may be drawn now.
  func mayDraw() -> Bool {
    guard let last, !urgent else { return true }
    return ContinuousClock.now - last >= interval
  }

  /// A frame was drawn.
  mutating func drew() {
    last = ContinuousClock.now
    urgent = false
  }

  /// The next frame answers user input: draw it without waiting.
  mutating func hurry() { urgent = true }

  /// Milliseconds to wait for input while a frame is pending: until its slot, or `other` if sooner
  /// (-1 in `other` means no other deadline).
  func timeout(before other: Int32) -> Int32 {
    guard let last else { return 0 }
    let left = interval - (ContinuousClock.now - last)
    let milliseconds = max(
      0, Int32(left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000))
    return other < 0 ? milliseconds : min(milliseconds, other)
  }
}

/// Tracks when the next `.tick` is due.
struct TickClock {
  let interval: Int32?
  private var next: ContinuousClock.Instant

  init(interval: Int32?) {
    self.interval = interval
    next = ContinuousClock.now + .milliseconds(Int(interval ?? 0))
  }

  /// Milliseconds to wait for input: until the next tick, or forever without ticks.
  func timeout() -> Int32 {
    guard interval != nil else { return -1 }
    let left = ContinuousClock.now.duration(to: next)
    return max(0, Int32(left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000))
  }

  /// Whether a tick is due; if so, schedules the next one.
  mutating func isDue() -> Bool {
    guard let interval, ContinuousClock.now >= next else { return false }
    next = ContinuousClock.now + .milliseconds(Int(interval))
    return true
  }
}
