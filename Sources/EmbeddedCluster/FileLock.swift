import Foundation

/// An exclusive `flock` on a file, held from `init` until `release`. It keeps writers in other
/// processes out; as `flock` locks belong to an open file, a second `FileLock` in this process
/// waits too. The lock file is created (0600) if missing and left in place.
struct FileLock {
  private let descriptor: Int32

  /// Opens `path` and waits for the lock.
  init(path: String) throws {
    let opened = try Self.open(path)
    while flock(opened, LOCK_EX) != 0 {
      let failure = errno
      guard failure == EINTR else {
        close(opened)
        throw POSIXError(POSIXErrorCode(rawValue: failure) ?? .EIO)
      }
    }
    descriptor = opened
  }

  /// Opens `path` and takes the lock if it is free now; nil when another open file holds it.
  init?(tryPath path: String) throws {
    let opened = try Self.open(path)
    while flock(opened, LOCK_EX | LOCK_NB) != 0 {
      let failure = errno
      guard failure == EINTR else {
        close(opened)
        if failure == EWOULDBLOCK { return nil }
        throw POSIXError(POSIXErrorCode(rawValue: failure) ?? .EIO)
      }
    }
    descriptor = opened
  }

  private static func open(_ path: String) throws -> Int32 {
    let opened = Foundation.open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
    guard opened >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    return opened
  }

  /// Replaces the lock file's contents (the lock itself is on the open file, not on its bytes).
  func replaceContents(with text: String) {
    ftruncate(descriptor, 0)
    let bytes = Array(text.utf8)
    _ = bytes.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
  }

  /// Releases the lock and closes the file.
  func release() {
    flock(descriptor, LOCK_UN)
    close(descriptor)
  }
}
