import CNCurses

/// The process-wide signal plumbing of the ncurses backend, whose state lives once in
/// `CNCurses/TerminalSignals.c` (it used to be `static` variables of the shim header, one copy per
/// Swift file that called them: a release build inlined a call into another file, and the input
/// loop read a copy of the resize flag that the signal handler never set).
/// SIGWINCH, SIGTERM, SIGINT and SIGHUP write a byte to the input loop's wake pipe; fatal signals
/// (SIGSEGV, SIGILL from a Swift trap, SIGABRT, ...) write the reset sequence, restore the saved
/// terminal mode and re-raise, so the terminal is restored even on a crash.
enum TerminalSignals {
  /// Saves the terminal mode (termios) as it is before curses starts.
  static func saveTerminalMode() {
    aic_save_termios()
  }

  /// Installs the handlers; signals then wake the loop through `wakeFD`. Also clears the signal
  /// mask, which a parent may have left blocked.
  static func install(wakeFD: Int32) {
    aic_install_handlers(wakeFD)
  }

  /// Sets the bytes a fatal-signal handler writes before restoring the terminal mode.
  static func setResetBytes(_ bytes: [UInt8]) {
    bytes.withUnsafeBufferPointer { buffer in
      buffer.withMemoryRebound(to: CChar.self) { aic_set_reset_bytes($0.baseAddress, Int32($0.count)) }
    }
  }

  /// Restores default signal dispositions.
  static func uninstall() {
    aic_uninstall_handlers()
  }

  /// The termination signal that arrived since the last call, or nil.
  static func takePendingTermination() -> Int32? {
    let signal = aic_take_pending_term()
    return signal == 0 ? nil : signal
  }

  /// Whether a SIGWINCH arrived since the last call.
  static func takePendingResize() -> Bool {
    aic_take_pending_winch() != 0
  }

  /// Writes the reset bytes and restores the saved terminal mode (async-signal-safe).
  static func emergencyRestore() {
    aic_emergency_restore()
  }
}
