import Foundation
import KubeCore
import Synchronization

/// `endpoints.json` in a state directory: where each embedded component listens, for the console
/// and for tests. The API server writes it when it starts; components that start later (the
/// controller's metrics, the gateway) add themselves, often at the same moment. Every change is a
/// read-modify-write under a lock — a mutex for this process's threads and `flock` on
/// `endpoints.json.lock` for other processes sharing the directory — and lands by `rename`, so
/// no entry is lost to a concurrent writer and a reader never sees half a file.
public enum EndpointsFile {
  static let fileName = "endpoints.json"

  private static let inProcess = Mutex(())

  /// Adds or replaces `name` with `url`, keeping every other entry.
  public static func publish(_ name: String, url: String, in directory: URL) throws {
    try update(in: directory) { $0[name] = .string(url) }
  }

  /// The URL `name` was published under, if any.
  public static func url(_ name: String, in directory: URL) -> String? {
    read(directory)[name]?.stringValue
  }

  /// The port of the URL `name` was published under: where a component listened last, until a
  /// new start replaces the file.
  public static func port(_ name: String, in directory: URL) -> Int? {
    url(name, in: directory).flatMap { URLComponents(string: $0)?.port }
  }

  /// Replaces the whole file with `entries` (a new start forgets the last one's components).
  static func replace(with entries: JSONValue, in directory: URL) throws {
    try update(in: directory) { $0 = entries }
  }

  /// The file's entries; an empty object when it is missing or unreadable.
  static func read(_ directory: URL) -> JSONValue {
    let file = directory.appendingPathComponent(fileName)
    guard let data = FileManager.default.contents(atPath: file.path),
      let parsed = try? JSONParser.parse(Array(data)), parsed.objectValue != nil
    else { return .emptyObject }
    return parsed
  }

  /// Reads, changes and writes the file back, holding both locks throughout.
  private static func update(in directory: URL, _ change: (inout JSONValue) -> Void) throws {
    try inProcess.withLock { _ in
      let lock = try FileLock(path: directory.appendingPathComponent(fileName + ".lock").path)
      defer { lock.release() }
      var entries = read(directory)
      change(&entries)
      try PrivateFile.write(entries.jsonString + "\n", to: directory.appendingPathComponent(fileName))
    }
  }
}
