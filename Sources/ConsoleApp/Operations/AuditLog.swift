import Foundation
import KubeCore

/// The record of every operation tried: one JSON line each in `<state-dir>/audit.jsonl`, a file
/// only its owner can read (0600), appended to and never rewritten.
struct AuditLog: Sendable {
  /// One line of the log.
  struct Entry: Sendable, Hashable {
    var time: Date
    var action: String
    /// `kind/name` in a namespace (`default/aicluster/llama`).
    var object: String
    var changeID: String?
    /// nil when the operation succeeded; the error's message when it failed.
    var error: String?

    /// The JSON line (no newline): `time` RFC 3339 with milliseconds, `result` `ok` or `error`.
    var line: String {
      var value: JSONValue = [
        "time": .string(Self.timestamp(time)), "action": .string(action), "object": .string(object),
        "changeID": changeID.map(JSONValue.string) ?? .null, "result": error == nil ? "ok" : "error",
      ]
      if let error { value["message"] = .string(error) }
      return value.jsonString
    }

    static func timestamp(_ date: Date) -> String {
      let formatter = ISO8601DateFormatter()
      formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
      return formatter.string(from: date)
    }
  }

  /// The file written.
  let url: URL

  /// The log in a state directory.
  init(stateDirectory: URL) {
    url = stateDirectory.appendingPathComponent("audit.jsonl")
  }

  /// Appends one line, creating the directory (0700) and the file (0600) when missing. One
  /// `write` of a line opened with O_APPEND keeps concurrent writers' lines whole.
  func append(_ entry: Entry) throws {
    let directory = url.deletingLastPathComponent().path
    try FileManager.default.createDirectory(
      atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    let fd = open(url.path, O_WRONLY | O_CREAT | O_APPEND, 0o600)
    guard fd >= 0 else {
      throw OperationError(.failed, "cannot open the audit log \(url.path): \(String(cString: strerror(errno)))")
    }
    defer { close(fd) }
    let bytes = Array((entry.line + "\n").utf8)
    let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    guard written == bytes.count else {
      throw OperationError(.failed, "cannot write the audit log \(url.path): \(String(cString: strerror(errno)))")
    }
  }
}
