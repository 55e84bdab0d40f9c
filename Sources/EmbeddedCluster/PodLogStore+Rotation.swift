import Foundation

/// A run's log is bounded as the kubelet bounds it (`containerLogMaxSize`, 10 MiB by default):
/// past `maximumFileBytes` the file becomes `<restart>.log.1` (replacing the one before) and a new
/// one starts, so a run keeps at most twice that. Readers see both files as one log; a follower
/// holds a `Position` — the file's identity and an offset — so that it finishes the rotated file
/// before it goes on with the new one.
extension PodLogStore {
  /// Where a follower is: the inode of the file it reads and the offset past its last whole line.
  struct Position: Sendable, Equatable {
    /// The file's inode; 0 for "the current file, whichever it is".
    var file: UInt64
    var offset: UInt64

    /// The start of the current file.
    static let start = Position(file: 0, offset: 0)
  }

  /// The rotated part of a run's log.
  static func rotated(_ url: URL) -> URL { url.appendingPathExtension("1") }

  /// The inode of a file, nil when there is none.
  static func identity(_ url: URL) -> UInt64? {
    var status = stat()
    guard stat(url.path, &status) == 0 else { return nil }
    return UInt64(status.st_ino)
  }

  /// Rotates the file just written through `descriptor` when it has grown past the limit — unless
  /// another writer rotated it first (the path no longer names the file written).
  func rotateIfFull(_ url: URL, descriptor: Int32) {
    var written = stat()
    guard fstat(descriptor, &written) == 0, Int(written.st_size) > maximumFileBytes,
      Self.identity(url) == UInt64(written.st_ino)
    else { return }
    _ = rename(url.path, Self.rotated(url).path)
  }
}
