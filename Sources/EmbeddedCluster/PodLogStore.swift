import Foundation
import KubeCore

/// Pod logs of the embedded world: one append-only file per pod under the state directory,
/// written by in-process components (the API server itself, later the controller, gateway and
/// simulated instances) and read through the pod `log` subresource.
///
/// Like the kubelet's CRI log files, each stored line starts with the time it was written
/// (`2026-11-25T00:51:47.123456789Z line`), so that readers can ask for timestamps and for the
/// lines since a time. The stamp has a fixed width and is always UTC, so stamps compare as bytes.
struct PodLogStore: Sendable {
  /// `<state>/logs`; a pod's log is `<namespace>/<pod>.log` in it.
  let directory: URL

  /// What a reader asks for: the `log` subresource's query parameters.
  struct Selection: Sendable {
    /// Only the last lines (before `limitBytes`).
    var tailLines: Int?
    /// At most this many bytes of the initial answer.
    var limitBytes: Int?
    /// Only lines written at or after this stamp (as `stamp(_:)` writes it).
    var since: String?
    /// Prefix each line with its RFC 3339 write time and a space.
    var timestamps = false
  }

  /// The file that holds a pod's log.
  func file(namespace: String, pod: String) -> URL {
    directory.appendingPathComponent(namespace).appendingPathComponent("\(pod).log")
  }

  /// Appends lines (each should end without a newline) to a pod's log, stamped with `date`.
  /// Writers run concurrently (the access log, every simulated instance), so the lines go in one
  /// `write` to a file opened with `O_APPEND`: the kernel places each batch at the end whole, where
  /// seeking to the end and then writing could let two writers overwrite each other.
  func append(namespace: String, pod: String, lines: [String], at date: Date = Date()) throws {
    let url = file(namespace: namespace, pod: pod)
    let stamp = Self.stamp(date)
    var bytes: [UInt8] = []
    bytes.reserveCapacity(lines.reduce(0) { $0 + $1.utf8.count + Self.stampWidth + 2 })
    for line in lines {
      bytes.append(contentsOf: stamp.utf8)
      bytes.append(UInt8(ascii: " "))
      bytes.append(contentsOf: line.utf8)
      bytes.append(UInt8(ascii: "\n"))
    }
    var descriptor = Self.openForAppend(url)
    if descriptor < 0, errno == ENOENT {
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true,
        attributes: [.posixPermissions: 0o700])
      descriptor = Self.openForAppend(url)
    }
    guard descriptor >= 0 else { throw Self.posixError(url) }
    defer { close(descriptor) }
    try Self.writeAll(bytes, to: descriptor, url)
  }

  private static func openForAppend(_ url: URL) -> Int32 {
    open(url.path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
  }

  private static func writeAll(_ bytes: [UInt8], to descriptor: Int32, _ url: URL) throws {
    try bytes.withUnsafeBytes { buffer in
      var offset = 0
      while offset < buffer.count {
        let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
        if written < 0, errno == EINTR { continue }
        guard written >= 0 else { throw posixError(url) }
        offset += written
      }
    }
  }

  private static func posixError(_ url: URL) -> any Error {
    CocoaError(
      .fileWriteUnknown,
      userInfo: [
        NSFilePathErrorKey: url.path, NSUnderlyingErrorKey: POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO),
      ])
  }

  /// What `selection` picks from the log now, and the byte offset of the end of its last whole line.
  func read(namespace: String, pod: String, _ selection: Selection) -> (bytes: [UInt8], end: UInt64) {
    guard let data = FileManager.default.contents(atPath: file(namespace: namespace, pod: pod).path) else {
      return ([], 0)
    }
    let (lines, end) = Self.wholeLines(Array(data))
    var picked = Self.since(lines, selection.since)
    if let tailLines = selection.tailLines, tailLines >= 0 { picked = Array(picked.suffix(tailLines)) }
    var bytes = Self.render(picked, timestamps: selection.timestamps)
    if let limitBytes = selection.limitBytes, bytes.count > limitBytes { bytes = Array(bytes.prefix(limitBytes)) }
    return (bytes, UInt64(end))
  }

  /// The whole lines appended after `offset` that `selection` picks (ignoring its tail and byte
  /// limits), and the offset to read from next; a line still being written waits for the next read.
  func read(namespace: String, pod: String, from offset: UInt64, _ selection: Selection) -> (
    bytes: [UInt8], end: UInt64
  ) {
    guard let handle = try? FileHandle(forReadingFrom: file(namespace: namespace, pod: pod)) else {
      return ([], offset)
    }
    defer { try? handle.close() }
    guard (try? handle.seek(toOffset: offset)) != nil, let data = try? handle.readToEnd() else { return ([], offset) }
    let (lines, end) = Self.wholeLines(Array(data))
    let picked = Self.since(lines, selection.since)
    return (Self.render(picked, timestamps: selection.timestamps), offset + UInt64(end))
  }

  /// One stored line: its write time (nil for lines stored before stamps existed) and its text.
  struct StoredLine: Equatable {
    /// The stored stamp, `stampWidth` bytes.
    var stamp: ArraySlice<UInt8>?
    /// The line as written.
    var text: ArraySlice<UInt8>
  }

  /// The complete lines of `bytes` and the offset just past the last newline.
  static func wholeLines(_ bytes: [UInt8]) -> (lines: [StoredLine], end: Int) {
    guard let last = bytes.lastIndex(of: UInt8(ascii: "\n")) else { return ([], 0) }
    let lines = bytes[..<last].split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
    return (lines.map(storedLine), last + 1)
  }

  /// Splits a stored line into its stamp and text; a line without a stamp is all text.
  static func storedLine(_ line: ArraySlice<UInt8>) -> StoredLine {
    let width = stampWidth
    guard line.count > width, line[line.startIndex + width] == UInt8(ascii: " "),
      line[line.startIndex + 4] == UInt8(ascii: "-"), line[line.startIndex + 10] == UInt8(ascii: "T"),
      line[line.startIndex + width - 1] == UInt8(ascii: "Z")
    else { return StoredLine(stamp: nil, text: line) }
    return StoredLine(
      stamp: line[line.startIndex..<line.startIndex + width], text: line[(line.startIndex + width + 1)...])
  }

  /// The lines written at or after `stamp`; unstamped lines have no time, so a time excludes them.
  private static func since(_ lines: [StoredLine], _ stamp: String?) -> [StoredLine] {
    guard let stamp else { return lines }
    let since = Array(stamp.utf8)
    return lines.filter { line in line.stamp.map { !$0.lexicographicallyPrecedes(since) } ?? false }
  }

  private static func render(_ lines: [StoredLine], timestamps: Bool) -> [UInt8] {
    var bytes: [UInt8] = []
    for line in lines {
      if timestamps {
        bytes.append(contentsOf: line.stamp ?? ArraySlice(epochStamp.utf8))
        bytes.append(UInt8(ascii: " "))
      }
      bytes.append(contentsOf: line.text)
      bytes.append(UInt8(ascii: "\n"))
    }
    return bytes
  }

  /// `YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ`.
  static let stampWidth = 30
  private static let epochStamp = "1970-01-01T00:00:00.000000000Z"

  /// The fixed-width RFC 3339 UTC stamp of `date`, with nanoseconds.
  static func stamp(_ date: Date) -> String {
    let interval = date.timeIntervalSince1970
    var seconds = interval.rounded(.down)
    var nanoseconds = Int(((interval - seconds) * 1e9).rounded())
    if nanoseconds >= 1_000_000_000 {
      seconds += 1
      nanoseconds -= 1_000_000_000
    }
    let whole = Date(timeIntervalSince1970: seconds).ISO8601Format()
    let fraction = String(nanoseconds)
    return whole.dropLast() + "." + String(repeating: "0", count: 9 - fraction.count) + fraction + "Z"
  }

  /// The stored form of any RFC 3339 time, keeping all nine fraction digits (a `Date` would not).
  static func stamp(rfc3339 text: String) -> String? {
    guard let dot = text.firstIndex(of: ".") else { return Timestamps.parse(text).map(stamp) }
    let digits = text[text.index(after: dot)...].prefix { $0.isASCII && $0.isNumber }
    let zone = text[digits.endIndex...]
    guard !digits.isEmpty, let whole = Timestamps.parse(String(text[..<dot] + zone)) else { return nil }
    let fraction = digits.prefix(9) + String(repeating: "0", count: max(0, 9 - digits.count))
    return stamp(whole).dropLast(10) + fraction + "Z"
  }
}
