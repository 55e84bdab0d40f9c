import CNCurses

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Waits for input with `poll` on the terminal and a wake-up pipe, and decodes it into events.
///
/// Owned by the UI thread. Other threads reach it only through `waker`; signal handlers write to
/// the same pipe, so resizes and termination requests arrive as events too.
public final class InputLoop {
  /// Wakes the loop from another thread.
  public let waker: Waker
  private let inputFD: Int32
  private let wakeReadFD: Int32
  private var decoder = KeyDecoder()

  /// Creates the loop over `inputFD` (stdin by default) and a fresh non-blocking pipe.
  public init(inputFD: Int32 = 0) throws(TerminalError) {
    var fds: [Int32] = [0, 0]
    guard pipe(&fds) == 0 else { throw TerminalError("cannot create the wake-up pipe (errno \(errno))") }
    for fd in fds { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
    self.inputFD = inputFD
    wakeReadFD = fds[0]
    waker = Waker(writeFD: fds[1])
  }

  deinit {
    waker.close()
    close(wakeReadFD)
  }

  /// Waits up to `timeoutMs` (-1: forever) and returns what arrived; empty on timeout.
  public func next(timeoutMs: Int32) -> [InputEvent] {
    var fds = [
      pollfd(fd: inputFD, events: Int16(POLLIN), revents: 0),
      pollfd(fd: wakeReadFD, events: Int16(POLLIN), revents: 0),
    ]
    let wait = decoder.hasPending ? KeyDecoder.escapeDelay : timeoutMs
    let ready = poll(&fds, 2, wait)
    if ready == 0 { return decoder.flush() }
    guard ready > 0 else { return [] }
    var events: [InputEvent] = []
    if fds[1].revents != 0 { events += drainWakePipe() }
    if fds[0].revents & Int16(POLLIN) != 0 {
      events += readInput()
    } else if fds[0].revents & Int16(POLLHUP | POLLERR) != 0 {
      events.append(.terminate(signal: SIGHUP))
    }
    return events
  }

  private func readInput() -> [InputEvent] {
    var buffer = [UInt8](repeating: 0, count: 4096)
    let n = read(inputFD, &buffer, buffer.count)
    if n == 0 { return [.terminate(signal: SIGHUP)] }
    guard n > 0 else { return [] }
    return decoder.feed(buffer[..<n])
  }

  private func drainWakePipe() -> [InputEvent] {
    var buffer = [UInt8](repeating: 0, count: 256)
    var woke = false
    while read(wakeReadFD, &buffer, buffer.count) > 0 { woke = true }
    var events: [InputEvent] = []
    if let signal = TerminalSignals.takePendingTermination() { events.append(.terminate(signal: signal)) }
    if TerminalSignals.takePendingResize() { events.append(.resize(NCursesTerminal.querySize())) }
    if events.isEmpty && woke { events.append(.wake) }
    return events
  }
}
