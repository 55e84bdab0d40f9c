import Foundation

/// A state directory's files: private to their owner (0600) and replaced whole. Each write goes
/// to a temporary file beside the target, named for this process and write, and is renamed over
/// it, so a reader sees the old file or the new one, never half of one, and writers of the same
/// file never share a temporary.
public enum PrivateFile {
  /// Replaces `file` with `text`.
  public static func write(_ text: String, to file: URL) throws {
    let temporary = file.path + ".\(getpid()).\(UUID().uuidString.prefix(8)).tmp"
    guard
      FileManager.default.createFile(
        atPath: temporary, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
    else {
      throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary])
    }
    guard rename(temporary, file.path) == 0 else {
      let failure = POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
      unlink(temporary)
      throw failure
    }
  }
}
