import CNCurses

/// The process-wide signal plumbing of the ncurses backend.
///
/// The C shim keeps its state in `static` variables, which exist once per Swift file that calls
/// the shim functions; every call that touches that state is therefore in this one file, and
/// none of these functions may be inlined into another: a release build (whole-module, one object
/// file per source file) did, and the input loop read a copy of the resize flag that the signal
/// handler never set, so the console ignored every resize.
/// SIGWINCH, SIGTERM, SIGINT and SIGHUP write a byte to the input loop's wake pipe; fatal signals
/// (SIGSEGV, SIGILL from a Swift trap, SIGABRT, ...) write the reset sequence, restore the saved
/// terminal mode and re-raise, so the terminal is restored even on a crash.
enum TerminalSignals {
  /// Saves the terminal mode (termios) as it is before curses starts.
  @inline(never) static func saveTerminalMode() {
    aic_save_termios()
  }

  /// Installs the handlers; signals then wake the loop through `wakeFD`. Also clears the signal
  /// mask, which a parent may have left blocked.
  @inline(never) static func install(wakeFD: Int32) {
    aic_install_handlers(wakeFD)
  }

  /// Sets the bytes a fatal-signal handler writes before restoring the terminal mode.
  @inline(never) static func setResetBytes(_ bytes: [UInt8]) {
    bytes.withUnsafeBufferPointer { buffer in
      buffer.withMemoryRebound(to: CChar.self) { aic_set_reset_bytes($0.baseAddress, Int32($0.count)) }
    }
  }

  /// Restores default signal dispositions.
  @inline(never) static func uninstall() {
    aic_uninstall_handlers()
  }

  /// The termination signal that arrived since the last call, or nil.
  @inline(never) static func takePendingTermination() -> Int32? {
    let signal = aic_take_pending_term()
    return signal == 0 ? nil : signal
  }

  /// Whether a SIGWINCH arrived since the last call.
  @inline(never) static func takePendingResize() -> Bool {
    aic_take_pending_winch() != 0
  }

  /// Writes the reset bytes and restores the saved terminal mode (async-signal-safe).
  @inline(never) static func emergencyRestore() {
    aic_emergency_restore()
  }
}
