import Foundation
import KubeCore

/// Pod logs of the embedded world: one append-only file per pod under the state directory,
/// written by in-process components (the API server itself, later the controller, gateway and
/// simulated instances) and read through the pod `log` subresource.
struct PodLogStore: Sendable {
  let directory: URL

  /// The file that holds a pod's log.
  func file(namespace: String, pod: String) -> URL {
    directory.appendingPathComponent(namespace).appendingPathComponent("\(pod).log")
  }

  /// Appends lines (each should end without a newline) to a pod's log.
  func append(namespace: String, pod: String, lines: [String]) throws {
    let url = file(namespace: namespace, pod: pod)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    if !FileManager.default.fileExists(atPath: url.path) {
      FileManager.default.createFile(atPath: url.path, contents: nil)
    }
    let handle = try FileHandle(forWritingTo: url)
    defer { try? handle.close() }
    try handle.seekToEnd()
    try handle.write(contentsOf: Data(lines.map { $0 + "\n" }.joined().utf8))
  }

  /// What `?tailLines=&limitBytes=` select from the log now, and the byte offset it ends at.
  func read(namespace: String, pod: String, tailLines: Int?, limitBytes: Int?) -> (bytes: [UInt8], end: UInt64) {
    guard let data = FileManager.default.contents(atPath: file(namespace: namespace, pod: pod).path) else {
      return ([], 0)
    }
    var bytes = [UInt8](data)
    let end = UInt64(bytes.count)
    if let tailLines { bytes = Self.lastLines(bytes, count: tailLines) }
    if let limitBytes, bytes.count > limitBytes { bytes = Array(bytes.prefix(limitBytes)) }
    return (bytes, end)
  }

  /// Bytes appended to the log after `offset`, and the new end offset.
  func read(namespace: String, pod: String, from offset: UInt64) -> (bytes: [UInt8], end: UInt64) {
    guard let handle = try? FileHandle(forReadingFrom: file(namespace: namespace, pod: pod)) else {
      return ([], offset)
    }
    defer { try? handle.close() }
    guard (try? handle.seek(toOffset: offset)) != nil, let data = try? handle.readToEnd() else { return ([], offset) }
    return ([UInt8](data), offset + UInt64(data.count))
  }

  private static func lastLines(_ bytes: [UInt8], count: Int) -> [UInt8] {
    guard count >= 0 else { return bytes }
    var newlines = 0
    var index = bytes.count
    if bytes.last == UInt8(ascii: "\n") { index -= 1 }
    while index > 0 {
      if bytes[index - 1] == UInt8(ascii: "\n") {
        newlines += 1
        if newlines == count { break }
      }
      index -= 1
    }
    return count == 0 ? [] : Array(bytes[index...])
  }
}
