import CNCurses

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The real terminal. ncurses sets the terminal up (terminfo, raw mode, alternate screen) and
/// tears it down; frames are written as `FrameDiff` bytes, so only changed cells cost output and
/// the bytes are counted. Use from one thread only.
public final class NCursesTerminal: Terminal {
  /// The current size.
  public private(set) var size: Size
  /// The colour mode in use.
  public let colorMode: ColorMode
  /// Bytes written by the last `present`.
  public private(set) var lastBytes = 0
  /// Bytes written since start.
  public private(set) var totalBytes = 0
  private var previous: ScreenBuffer?
  private var screen: OpaquePointer?
  private var restored = false

  private static let enableModes = "\u{1b}[?25l\u{1b}[?1000h\u{1b}[?1006h\u{1b}[?2004h"
  private static let disableModes = "\u{1b}[?1000l\u{1b}[?1006l\u{1b}[?2004l\u{1b}[0m\u{1b}[?25h"

  /// Starts curses. Signals will wake `loop`. `monochrome` forces `ColorMode.none`.
  public init(loop: InputLoop, monochrome: Bool = false, environment: [String: String]) throws(TerminalError) {
    NCursesTerminal.ensureUTF8Locale()
    TerminalSignals.saveTerminalMode()
    TerminalSignals.install(wakeFD: loop.waker.rawDescriptor)
    guard let screen = aic_newterm() else {
      TerminalSignals.uninstall()
      throw TerminalError("cannot start the terminal (TERM=\(environment["TERM"] ?? "unset"))")
    }
    self.screen = screen
    raw()
    noecho()
    nonl()
    refresh()
    let detected = ColorMode.detect(environment: environment, terminfoColors: Int(aic_terminfo_colors()))
    colorMode = monochrome ? .none : detected
    size = NCursesTerminal.querySize()
    let rmcup = aic_tigetstr("rmcup").map { String(cString: $0) } ?? "\u{1b}[?1049l"
    TerminalSignals.setResetBytes(Array((NCursesTerminal.disableModes + rmcup).utf8))
    NCursesTerminal.writeAll(Array(NCursesTerminal.enableModes.utf8))
  }

  deinit {
    restore()
  }

  /// Writes the changes since the last frame; returns the bytes written.
  @discardableResult
  public func present(_ frame: ScreenBuffer) -> Int {
    let bytes = FrameDiff.bytes(from: previous, to: frame, colorMode: colorMode)
    NCursesTerminal.writeAll(bytes)
    previous = frame
    lastBytes = bytes.count
    totalBytes += bytes.count
    return bytes.count
  }

  /// Forces a full repaint on the next `present`.
  public func invalidate() {
    previous = nil
  }

  /// Re-reads the size after SIGWINCH, tells curses, and forces a full repaint.
  @discardableResult
  public func updateSize() -> Size {
    size = NCursesTerminal.querySize()
    resizeterm(Int32(size.height), Int32(size.width))
    previous = nil
    return size
  }

  /// Gives the terminal back to the shell's normal mode for another program (an editor).
  public func suspend() {
    NCursesTerminal.writeAll(Array(NCursesTerminal.disableModes.utf8))
    endwin()
  }

  /// Takes the terminal back after `suspend()`; the next `present` repaints everything.
  public func resume() {
    refresh()
    NCursesTerminal.writeAll(Array(NCursesTerminal.enableModes.utf8))
    previous = nil
  }

  /// Leaves the alternate screen and restores the terminal mode; safe to call more than once.
  public func restore() {
    guard !restored else { return }
    restored = true
    NCursesTerminal.writeAll(Array(NCursesTerminal.disableModes.utf8))
    endwin()
    if let screen { delscreen(screen) }
    screen = nil
    TerminalSignals.uninstall()
  }

  /// The terminal size from the kernel (80x24 when stdout is not a terminal).
  static func querySize() -> Size {
    var rows: Int32 = 0
    var cols: Int32 = 0
    if aic_winsize(1, &rows, &cols) == 0, rows > 0, cols > 0 {
      return Size(width: Int(cols), height: Int(rows))
    }
    return Size(width: 80, height: 24)
  }

  private static func ensureUTF8Locale() {
    setlocale(LC_ALL, "")
    if aic_codeset_is_utf8() == 0 { setlocale(LC_ALL, "C.UTF-8") }
  }

  private static func writeAll(_ bytes: [UInt8]) {
    var offset = 0
    while offset < bytes.count {
      let n = bytes[offset...].withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
      if n > 0 {
        offset += n
      } else if n < 0 && errno != EINTR && errno != EAGAIN {
        return
      }
    }
  }
}
