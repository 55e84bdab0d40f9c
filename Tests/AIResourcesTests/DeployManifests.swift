import Foundation
import KubeCore

/// The manifests under `deploy/`, read from the package checkout.
enum DeployManifests {
  /// `deploy/` of the package this file belongs to.
  static var directory: URL {
    URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("deploy")
  }

  /// `deploy/crds/`.
  static var crdDirectory: URL { directory.appendingPathComponent("crds") }

  /// The YAML files under `url`, at any depth, sorted by path.
  static func yamlFiles(under url: URL) throws -> [URL] {
    guard let walker = FileManager.default.enumerator(at: url, includingPropertiesForKeys: nil) else {
      throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: url.path])
    }
    return walker.compactMap { $0 as? URL }.filter { ["yaml", "yml"].contains($0.pathExtension) }
      .sorted { $0.path < $1.path }
  }

  /// Every document of every YAML file under `deploy/`, with the file it came from.
  static func documents() throws -> [(file: String, object: JSONValue)] {
    try yamlFiles(under: directory).flatMap { url in
      let text = try String(contentsOf: url, encoding: .utf8)
      return try JSONValue.parseYAMLDocuments(text).map { (url.lastPathComponent, $0) }
    }
  }

  /// The first object of `kind` under `deploy/`.
  static func object(kind: String) throws -> JSONValue? {
    try documents().first { $0.object["kind"]?.stringValue == kind }?.object
  }
}
