import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Lets any thread wake the UI loop (for example when new data arrived and a redraw is due).
///
/// Waking after the loop has ended does nothing: the pipe's descriptor lives behind a mutex and
/// is set to -1 before it is closed, so a late `wake()` can never write to a reused descriptor.
public final class Waker: Sendable {
  private let descriptor: Mutex<Int32>

  init(writeFD: Int32) {
    descriptor = Mutex(writeFD)
  }

  /// Asks the UI loop to deliver an `.wake` event; never blocks.
  public func wake() {
    descriptor.withLock { fd in
      guard fd >= 0 else { return }
      var byte = UInt8(ascii: "w")
      _ = write(fd, &byte, 1)
    }
  }

  /// Closes the pipe's write end (called by the loop when it ends).
  func close() {
    descriptor.withLock { fd in
      if fd >= 0 {
        #if canImport(Glibc)
          _ = Glibc.close(fd)
        #else
          _ = Darwin.close(fd)
        #endif
      }
      fd = -1
    }
  }

  /// The descriptor, for the signal handlers.
  var rawDescriptor: Int32 { descriptor.withLock { $0 } }
}
