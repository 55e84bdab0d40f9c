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
    var dirty = true
    while true {
      if dirty {
        draw(app, into: &frame, terminal: terminal, minimumSize: minimumSize, theme: theme)
        app.presented()
        dirty = false
      }
      var events = loop.next(timeoutMs: clock.timeout())
      if clock.isDue() { events.append(.tick) }
      for event in events {
        if case .terminate(let signal) = event { return 128 + signal }
        if case .resize = event {
          terminal.updateSize()
          dirty = true
        }
        switch app.handle(event) {
        case .quit(let code): return code
        case .redraw: dirty = true
        case .ignore: break
        }
      }
    }
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
