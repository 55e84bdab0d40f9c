import Foundation

/// An exclusive `flock` on a file, held from `init` until `release`. It keeps writers in other
/// processes out; as `flock` locks belong to an open file, a second `FileLock` in this process
/// waits too. The lock file is created (0600) if missing and left in place.
struct FileLock {
  private let descriptor: Int32

  /// Opens `path` and waits for the lock.
  init(path: String) throws {
    let opened = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
    guard opened >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    while flock(opened, LOCK_EX) != 0 {
      let failure = errno
      guard failure == EINTR else {
        close(opened)
        throw POSIXError(POSIXErrorCode(rawValue: failure) ?? .EIO)
      }
    }
    descriptor = opened
  }

  /// Releases the lock and closes the file.
  func release() {
    flock(descriptor, LOCK_UN)
    close(descriptor)
  }
}
