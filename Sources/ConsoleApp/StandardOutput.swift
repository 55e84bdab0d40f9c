import Foundation

/// Standard output for every command, written whole with `write(2)` and never through a
/// buffer that `exit` flushes later. SIGPIPE is ignored (swift-nio ignores it anyway once a socket
/// opens), so a reader that went away (`aiconsole logs | head -1`) shows up here as `EPIPE`; the
/// process then ends as kubectl's does, killed by SIGPIPE with nothing on standard error: a
/// shell reports status 141, which `set -o pipefail` sees and a plain pipeline ignores.
enum StandardOutput {
  /// Ignores SIGPIPE for the whole process, so that a closed pipe or socket is an error that the
  /// code writing to it handles, whichever thread writes.
  static func ignoreBrokenPipeSignal() {
    signal(SIGPIPE, SIG_IGN)
  }

  /// Writes each line followed by a newline, in one `write` where the pipe takes it.
  static func write(lines: [String]) {
    guard !lines.isEmpty else { return }
    write(lines.map { $0 + "\n" }.joined())
  }

  /// Writes `text` whole, however many `write` calls that takes; ends the process quietly when
  /// standard output is a closed pipe, and drops the text on any other failure (nowhere is left to
  /// report it).
  static func write(_ text: String) {
    let bytes = Array(text.utf8)
    let failure: Int32? = bytes.withUnsafeBytes { buffer in
      var offset = 0
      while offset < buffer.count {
        let written = Foundation.write(STDOUT_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
        if written < 0, errno == EINTR { continue }
        guard written > 0 else { return written < 0 ? errno : nil }
        offset += written
      }
      return nil
    }
    if failure == EPIPE { endForClosedPipe() }
  }

  /// Ends the process as a program that never ignored SIGPIPE would end: by that signal.
  static func endForClosedPipe() -> Never {
    signal(SIGPIPE, SIG_DFL)
    var pipeOnly = sigset_t()
    sigemptyset(&pipeOnly)
    sigaddset(&pipeOnly, SIGPIPE)
    pthread_sigmask(SIG_UNBLOCK, &pipeOnly, nil)
    raise(SIGPIPE)
    // Unreachable once the signal is delivered; the status a shell would report for it otherwise.
    _exit(128 + SIGPIPE)
  }
}
