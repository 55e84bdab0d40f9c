import Foundation
import KubeCore

/// `endpoints.json` in a state directory: where each embedded component listens, for the console
/// and for tests. The API server writes it when it starts; components that start later (the
/// controller's metrics, the gateway) add themselves.
public enum EndpointsFile {
  /// Adds or replaces `name` with `url`, keeping every other entry.
  public static func publish(_ name: String, url: String, in directory: URL) throws {
    let file = directory.appendingPathComponent("endpoints.json")
    var endpoints = FileManager.default.contents(atPath: file.path).flatMap { try? JSONParser.parse(Array($0)) }
    if endpoints?.objectValue == nil { endpoints = .emptyObject }
    endpoints?[name] = .string(url)
    try Data(((endpoints ?? .emptyObject).jsonString + "\n").utf8).write(to: file, options: .atomic)
    // Every file of a state directory is private (the directory already is).
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
  }

  /// The URL `name` was published under, if any.
  public static func url(_ name: String, in directory: URL) -> String? {
    let file = directory.appendingPathComponent("endpoints.json")
    let endpoints = FileManager.default.contents(atPath: file.path).flatMap { try? JSONParser.parse(Array($0)) }
    return endpoints?[name]?.stringValue
  }
}
